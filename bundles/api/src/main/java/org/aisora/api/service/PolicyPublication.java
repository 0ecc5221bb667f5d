package org.aisora.api.service;

import java.time.Instant;

/** A newly published policy version and how many notices were queued for it. */
public record PolicyPublication(String version, Instant publishedAt, String sha256, long noticesQueued) {
}
