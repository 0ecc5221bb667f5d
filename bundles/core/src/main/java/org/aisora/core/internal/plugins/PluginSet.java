package org.aisora.core.internal.plugins;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.plugin.Plugin;

/**
 * The live plugins of one family, keyed by id. Bind and unbind come from DS on any thread; readers
 * take a snapshot, so a plugin that disappears mid-request is simply absent from the next lookup.
 */
public final class PluginSet<T extends Plugin> {
    /** Highest ranking first; equal rankings by id, so the order is stable. */
    private final Comparator<Ranked<T>> order = Comparator.comparingInt((Ranked<T> r) -> r.ranking()).reversed()
            .thenComparing(r -> r.plugin().id());

    private final Map<String, Ranked<T>> byId = new ConcurrentHashMap<>();

    public void add(T plugin, Map<String, ?> properties) {
        byId.put(plugin.id(), new Ranked<>(plugin, Ranked.rankingOf(properties)));
    }

    /** Removes the plugin only if it is the instance registered under its id (a replacement may have come first). */
    public void remove(T plugin) {
        byId.computeIfPresent(plugin.id(), (id, current) -> current.plugin() == plugin ? null : current);
    }

    public Optional<T> get(String id) {
        return Optional.ofNullable(byId.get(id)).map(Ranked::plugin);
    }

    public List<T> ranked() {
        return byId.values().stream().sorted(order).map(Ranked::plugin).toList();
    }

    /** Each plugin with its ranking, highest first. */
    public List<Ranked<T>> entries() {
        return byId.values().stream().sorted(order).toList();
    }

    /** The configured choice when it is present, else the highest ranked. */
    public Optional<T> preferred(String configuredId) {
        if (configuredId != null && !configuredId.isBlank()) {
            Optional<T> configured = get(configuredId);
            if (configured.isPresent()) {
                return configured;
            }
        }
        return ranked().stream().findFirst();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }
}
