package org.aisora.core.internal.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationType;

/**
 * The order in which providers are tried for a job. Immutable; build a new one when the configuration changes.
 *
 * <p>Only capable providers; OFFLINE ones are left out, and so are those whose circuit is open (reported
 * as skipped). Health comes first: every ONLINE provider before any DEGRADED one, because degraded is the
 * provider's own word that it is impaired. Within a health level, the ids the operator listed for the type,
 * in the listed order, then the others by {@code service.ranking} (highest first), then id. Without a
 * configured list this is the ranking order the core always used.
 *
 * <p>A provider whose vendor may train on content (stated yes or unknown) without a recorded no-training
 * agreement is never in the route, pinned or not: that is the policy's promise, not a preference. Nor is a
 * vendor provider whose images could not be moderated ({@link Candidate#moderated()}).
 *
 * <p>A pinned provider is the only one tried; an unknown or incapable pin is an explicit problem.
 */
public final class RoutingOrder {
    private final Map<GenerationType, List<String>> configured;
    private final List<String> problems;

    public RoutingOrder(Map<GenerationType, List<String>> configured) {
        this(configured, List.of());
    }

    private RoutingOrder(Map<GenerationType, List<String>> configured, List<String> problems) {
        Map<GenerationType, List<String>> copy = new EnumMap<>(GenerationType.class);
        configured.forEach((type, ids) -> copy.put(type, List.copyOf(new LinkedHashSet<>(ids))));
        this.configured = copy;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads lines like {@code text-to-image=openai,stability,builtin}. Blank lines and {@code #} comments are
     * skipped; bad lines are reported in {@link #problems()} (for a DEGRADED health) and otherwise ignored.
     */
    public static RoutingOrder parse(String... lines) {
        Map<GenerationType, List<String>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String raw : lines == null ? new String[0] : lines) {
            String line = raw == null ? "" : raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            Optional<GenerationType> type = eq < 0 ? Optional.empty()
                    : GenerationType.fromWire(line.substring(0, eq).strip());
            if (type.isEmpty()) {
                problems.add("not a routing line (type=id,id,...): " + line);
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (String id : line.substring(eq + 1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            if (out.put(type.get(), ids) != null) {
                problems.add(type.get().wireName() + " is configured twice; the last line wins");
            }
        }
        return new RoutingOrder(out, problems);
    }

    public List<String> configured(GenerationType type) {
        return configured.getOrDefault(type, List.of());
    }

    public List<String> problems() {
        return problems;
    }

    /** @param pinned the provider the user asked for, or null/blank for any */
    public Route route(GenerationType type, Collection<Candidate> candidates, String pinned) {
        Map<String, Candidate> byId = new LinkedHashMap<>();
        candidates.forEach(c -> byId.putIfAbsent(c.id(), c));
        if (pinned != null && !pinned.isBlank()) {
            return pinned(type, byId.get(pinned.strip()), pinned.strip());
        }
        List<String> listed = configured(type);
        Comparator<Candidate> order = Comparator
                .comparingInt((Candidate c) -> c.health() == PluginHealth.Status.ONLINE ? 0 : 1)
                .thenComparingInt(c -> listed.contains(c.id()) ? listed.indexOf(c.id()) : Integer.MAX_VALUE)
                .thenComparing(Comparator.comparingInt(Candidate::ranking).reversed())
                .thenComparing(Candidate::id);
        List<String> toTry = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> trains = new ArrayList<>();
        List<String> unmoderated = new ArrayList<>();
        byId.values().stream()
                .filter(Candidate::capable)
                .filter(c -> c.health() != PluginHealth.Status.OFFLINE)
                .sorted(order)
                .forEach(c -> (!c.trainingSafe() ? trains : !c.moderated() ? unmoderated
                        : c.breakerAllows() ? toTry : skipped).add(c.id()));
        if (toTry.isEmpty() && skipped.isEmpty() && !trains.isEmpty()) {
            return Route.problem(Route.Problem.NO_TRAINING_SAFE_PROVIDER, List.of(), trainsMessage(type, trains));
        }
        if (toTry.isEmpty() && skipped.isEmpty() && !unmoderated.isEmpty()) {
            return Route.problem(Route.Problem.IMAGE_MODERATION_UNAVAILABLE, List.of(), unmoderatedMessage(unmoderated));
        }
        return Route.of(toTry, skipped, "no installed provider can do " + type.wireName() + " now");
    }

    private static String trainsMessage(GenerationType type, List<String> ids) {
        return "the only providers that can do " + type.wireName() + " (" + String.join(", ", ids)
                + ") may use content to train their models and have no no-training agreement";
    }

    private static String unmoderatedMessage(List<String> ids) {
        return "only vendor providers (" + String.join(", ", ids) + ") can do this, and no installed moderation"
                + " engine classifies images; an operator must install one (e.g. aisora-moderation-openai)";
    }

    private static Route pinned(GenerationType type, Candidate c, String id) {
        if (c == null) {
            return Route.problem(Route.Problem.PINNED_UNKNOWN, List.of(), "provider '" + id + "' is not installed");
        }
        if (!c.capable()) {
            return Route.problem(Route.Problem.PINNED_INCAPABLE, List.of(),
                    "provider '" + id + "' cannot do this " + type.wireName() + " request");
        }
        if (!c.trainingSafe()) {
            return Route.problem(Route.Problem.NO_TRAINING_SAFE_PROVIDER, List.of(), "provider '" + id
                    + "' may use content to train its models and has no no-training agreement");
        }
        if (!c.moderated()) {
            return Route.problem(Route.Problem.IMAGE_MODERATION_UNAVAILABLE, List.of(), unmoderatedMessage(List.of(id)));
        }
        if (c.health() == PluginHealth.Status.OFFLINE) {
            return Route.problem(Route.Problem.PINNED_UNAVAILABLE, List.of(), "provider '" + id + "' is offline");
        }
        if (!c.breakerAllows()) {
            return Route.problem(Route.Problem.PINNED_UNAVAILABLE, List.of(id),
                    "provider '" + id + "' is failing; try again later");
        }
        return Route.of(List.of(id), List.of(), "");
    }
}
