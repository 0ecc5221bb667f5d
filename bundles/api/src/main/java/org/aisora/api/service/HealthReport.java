package org.aisora.api.service;

import java.util.Map;

/** Overall status ("ok" or "degraded") and one line per check. */
public record HealthReport(String status, Map<String, String> checks) {
    public HealthReport {
        checks = Map.copyOf(checks);
    }
}
