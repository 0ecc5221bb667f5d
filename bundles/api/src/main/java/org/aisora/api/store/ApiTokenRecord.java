package org.aisora.api.store;

import java.time.Instant;

/** A named API token; only the SHA-256 of the secret is stored. */
public record ApiTokenRecord(String id, String accountId, String name, String tokenHash, Instant createdAt,
                             Instant expiresAt) {
}
