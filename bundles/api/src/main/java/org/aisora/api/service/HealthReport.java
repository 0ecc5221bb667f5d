package org.aisora.api.service;

import java.util.Map;

/**
 * Overall status and one line per check: "ok"; "degraded" (serving, but a family has no plugin, or vendor
 * providers are installed and no moderation engine classifies images: check "image_moderation");
 * "down" (the database, storage or policies are missing: nothing can be served).
 */
public record HealthReport(String status, Map<String, String> checks) {
    public HealthReport {
        checks = Map.copyOf(checks);
    }
}
