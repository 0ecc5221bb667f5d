package org.aisora.api.service;

import java.time.Instant;

/** A short-lived URL (path and query below the API base) that fetches media without a bearer token. */
public record SignedUrl(String path, Instant expiresAt) {
}
