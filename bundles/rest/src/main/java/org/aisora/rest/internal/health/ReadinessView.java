package org.aisora.rest.internal.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /health/ready}: {@code status} is {@code ready}, {@code not_ready} or {@code draining};
 * {@code missing} names what keeps the node from serving ({@code kind:name}, e.g. {@code resource:aisora.accounts},
 * {@code plugin:storage}, {@code node:draining}), empty when ready; {@code checks} has one line per check.
 */
public record ReadinessView(String status, List<String> missing, Map<String, String> checks) {
    public static final String READY = "ready";
    public static final String NOT_READY = "not_ready";
    public static final String DRAINING = "draining";

    public ReadinessView {
        missing = List.copyOf(missing);
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks)); // in the order checked
    }

    public boolean ready() {
        return READY.equals(status);
    }
}
