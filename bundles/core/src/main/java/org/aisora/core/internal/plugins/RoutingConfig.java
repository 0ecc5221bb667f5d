package org.aisora.core.internal.plugins;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationType;
import org.aisora.core.internal.routing.RoutingOrder;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Reads and rewrites the {@code routing} lines of the plugin choices (PID org.aisora.core.plugins). */
final class RoutingConfig {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private RoutingConfig() {
    }

    static Map<String, List<String>> describe(RoutingOrder order) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (GenerationType type : GenerationType.values()) {
            List<String> ids = order.configured(type);
            if (!ids.isEmpty()) {
                out.put(type.wireName(), ids);
            }
        }
        return out;
    }

    /** Replaces one type's line and saves the configuration; Configuration Admin then calls {@code modified}. */
    static void save(ConfigurationAdmin admin, String type, List<String> ids) {
        GenerationType t = GenerationType.fromWire(type == null ? "" : type.trim()).orElseThrow(() ->
                AisoraException.badRequest("invalid_routing", "unknown generation type '" + type + "'"));
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw AisoraException.badRequest("invalid_routing", "'" + id + "' is not a provider id");
            }
        }
        if (admin == null) {
            throw new IllegalStateException("Configuration Admin is not available");
        }
        try {
            Configuration config = admin.getConfiguration(PluginChoices.PID, "?");
            Dictionary<String, Object> props = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
            List<String> lines = new ArrayList<>();
            Object current = props.get("routing");
            if (current instanceof String[] array) {
                lines.addAll(Arrays.asList(array));
            } else if (current instanceof String single && !single.isBlank()) {
                lines.addAll(Arrays.asList(single.split("\\s*;\\s*")));
            }
            lines.removeIf(line -> line.trim().startsWith(t.wireName() + "="));
            if (!ids.isEmpty()) {
                lines.add(t.wireName() + "=" + String.join(",", ids));
            }
            props.put("routing", lines.toArray(String[]::new));
            config.update(props);
        } catch (IOException e) {
            throw new IllegalStateException("the routing order could not be saved: " + e.getMessage(), e);
        }
    }
}
