package org.aisora.api.service;

import java.time.Instant;

/**
 * The privacy policy in force: its version (what registration must accept) and the minimum age; for a
 * version published through {@link PolicyService#publish}, also when, a summary, the text and its SHA-256.
 * Those are {@code null} while the policy plugin's built-in version is in force.
 */
public record PolicyView(String version, int minimumAge, Instant publishedAt, String summary, String sha256,
                         String text) {
    public PolicyView(String version, int minimumAge) {
        this(version, minimumAge, null, null, null, null);
    }
}
