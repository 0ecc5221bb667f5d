package org.aisora.api.store;

import java.time.Instant;

/**
 * A named API token; only the SHA-256 of the secret is stored. {@code scopes} are the space-separated scope
 * names, or null for a token made before scopes existed (it keeps its account's whole role).
 */
public record ApiTokenRecord(String id, String accountId, String name, String tokenHash, Instant createdAt,
                             Instant expiresAt, String scopes) {
    /** A token without stored scopes (a legacy token). */
    public ApiTokenRecord(String id, String accountId, String name, String tokenHash, Instant createdAt,
                          Instant expiresAt) {
        this(id, accountId, name, tokenHash, createdAt, expiresAt, null);
    }
}
