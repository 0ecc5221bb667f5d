package org.aisora.api.store;

import java.time.Instant;

/** A bearer credential; only the SHA-256 of the token is stored. */
public record SessionRecord(String id, String accountId, String tokenHash, Instant createdAt, Instant expiresAt) {
}
