package org.aisora.api.service;

import java.time.Instant;

/** A new bearer token; the plain token exists only in this answer. */
public record SessionGrant(String token, Instant expiresAt) {
}
