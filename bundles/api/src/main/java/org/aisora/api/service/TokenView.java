package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * An API token as its owner lists it: never the secret. {@code scopes} are the scope names it was made with,
 * or null for a token made before scopes existed (it acts with its account's whole role).
 */
public record TokenView(String id, String name, Instant createdAt, Instant expiresAt, List<String> scopes) {
    public TokenView(String id, String name, Instant createdAt, Instant expiresAt) {
        this(id, name, createdAt, expiresAt, null);
    }
}
