package org.aisora.api.store;

import java.time.Instant;

/**
 * A sign-in session; only the SHA-256 of the bearer token is stored. {@code lastUsedAt} moves forward at
 * most once a minute (it drives the idle timeout); {@code device} is a coarse "Firefox on Linux", or null.
 */
public record SessionRecord(String id, String accountId, String tokenHash, Instant createdAt, Instant expiresAt,
                            Instant lastUsedAt, String device) {
    /** A session without a recorded device, last used when it was created. */
    public SessionRecord(String id, String accountId, String tokenHash, Instant createdAt, Instant expiresAt) {
        this(id, accountId, tokenHash, createdAt, expiresAt, createdAt, null);
    }
}
