package org.aisora.api.service;

import java.time.Instant;

/** An API token as its owner lists it: never the secret. */
public record TokenView(String id, String name, Instant createdAt, Instant expiresAt) {
}
