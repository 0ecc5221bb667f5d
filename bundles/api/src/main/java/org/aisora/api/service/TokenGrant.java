package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/** A new API token; the plain {@code token} exists only in this answer. */
public record TokenGrant(String id, String name, String token, Instant createdAt, Instant expiresAt,
                         List<String> scopes) {
    public TokenGrant(String id, String name, String token, Instant createdAt, Instant expiresAt) {
        this(id, name, token, createdAt, expiresAt, null);
    }

    @Override
    public String toString() {
        return "TokenGrant[" + id + ", " + name + ", " + scopes + "]";
    }
}
