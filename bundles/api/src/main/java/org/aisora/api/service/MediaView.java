package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * Media metadata as the API returns it. {@code status} is processing, ready or failed (then
 * {@code errorCode} says why); {@code progress} runs 0-100 while renditions are made. Video fields
 * are 0/null for images; {@code thumbnailId} is null for a thumbnail itself.
 */
public record MediaView(String id, String kind, String contentType, long bytes, int width, int height,
                        double durationSeconds, double frameRate, String codec, String status, int progress,
                        String errorCode, String generationId, String thumbnailId, List<RenditionView> renditions,
                        Instant createdAt, Instant expiresAt) {
    public MediaView {
        renditions = List.copyOf(renditions);
    }
}
