package org.aisora.api.service;

import java.time.Instant;

/** A new API token; the plain {@code token} exists only in this answer. */
public record TokenGrant(String id, String name, String token, Instant createdAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "TokenGrant[" + id + ", " + name + "]";
    }
}
