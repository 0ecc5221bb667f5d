package org.aisora.api.service;

import java.time.Instant;

/** Media metadata as the API returns it; {@code thumbnailId} is null for a thumbnail itself. */
public record MediaView(String id, String kind, String contentType, long bytes, int width, int height,
                        String status, String generationId, String thumbnailId, Instant createdAt,
                        Instant expiresAt) {
}
