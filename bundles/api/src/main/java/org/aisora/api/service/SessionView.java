package org.aisora.api.service;

import java.time.Instant;

/**
 * A sign-in session as its owner lists it: an opaque id (never the bearer token), when it was opened and last
 * used (to the minute), when it ends at the latest, the device it was opened from ("Firefox on Linux", or
 * null) and whether it is the session of the listing request.
 */
public record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String device,
                          boolean current) {
}
