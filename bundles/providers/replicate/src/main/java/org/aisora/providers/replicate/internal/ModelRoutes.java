package org.aisora.providers.replicate.internal;

import org.aisora.support.vendorhttp.ConfigLists;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.provider.GenerationType;

/**
 * Which Replicate model serves which of our generation types, from configuration lines
 * {@code text-to-image=black-forest-labs/flux-schnell} (an official model, run through its models
 * endpoint) or {@code upscale=owner/name:version} (a pinned version, run through the predictions
 * endpoint). Lines that do not parse become problems for the provider's health, never guesses.
 */
final class ModelRoutes {
    static final String DEFAULT_IMAGE_FIELD = "image";
    /** Replicate owner and model names: letters, digits, '-', '_' and '.'; versions are hex ids. */
    private static final Pattern MODEL = Pattern.compile(
            "([a-z0-9][a-z0-9_.-]{0,99})/([a-z0-9][a-z0-9_.-]{0,99})(?::([0-9a-f]{16,128}))?");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** One type's model; {@code version} is null for an official model run by name. */
    record Route(GenerationType type, String owner, String name, String version, String imageField) {
        /** The create path below the API base. */
        String createPath() {
            return version == null ? "/v1/models/" + owner + "/" + name + "/predictions" : "/v1/predictions";
        }
    }

    private final Map<GenerationType, Route> routes;
    private final List<String> problems;

    private ModelRoutes(Map<GenerationType, Route> routes, List<String> problems) {
        this.routes = routes.isEmpty() ? Map.of() : new EnumMap<>(routes);
        this.problems = List.copyOf(problems);
    }

    static ModelRoutes parse(String[] models, String[] imageFields) {
        List<String> problems = new ArrayList<>();
        Map<GenerationType, String> fields = new HashMap<>();
        for (String[] line : lines(imageFields, "image field", problems)) {
            Optional<GenerationType> type = GenerationType.fromWire(line[0]);
            if (type.isEmpty() || !FIELD.matcher(line[1]).matches()) {
                problems.add("image field '" + line[0] + "=" + line[1] + "' is not type=field_name");
            } else {
                fields.put(type.get(), line[1]);
            }
        }
        Map<GenerationType, Route> routes = new EnumMap<>(GenerationType.class);
        for (String[] line : lines(models, "model", problems)) {
            Optional<GenerationType> type = GenerationType.fromWire(line[0]);
            Matcher m = MODEL.matcher(line[1]);
            if (type.isEmpty() || !m.matches()) {
                problems.add("model '" + line[0] + "=" + line[1] + "' is not type=owner/name[:version]");
                continue;
            }
            if (routes.containsKey(type.get())) {
                problems.add("model for " + line[0] + " is given twice; the first one is used");
                continue;
            }
            routes.put(type.get(), new Route(type.get(), m.group(1), m.group(2), m.group(3),
                    fields.getOrDefault(type.get(), DEFAULT_IMAGE_FIELD)));
        }
        return new ModelRoutes(routes, problems);
    }


    /** Splits "key=value" entries, trimmed; entries without '=' are problems. */
    private static List<String[]> lines(String[] raw, String what, List<String> problems) {
        List<String[]> out = new ArrayList<>();
        for (String text : ConfigLists.entries(raw)) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                problems.add(what + " '" + text + "' has no '='");
                continue;
            }
            out.add(new String[] {text.substring(0, eq).trim(), text.substring(eq + 1).trim()});
        }
        return out;
    }

    Optional<Route> route(GenerationType type) {
        return Optional.ofNullable(routes.get(type));
    }

    Set<GenerationType> types() {
        return routes.keySet();
    }

    List<String> problems() {
        return problems;
    }
}
