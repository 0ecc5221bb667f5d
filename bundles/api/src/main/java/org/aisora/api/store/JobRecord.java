package org.aisora.api.store;

import java.time.Instant;

/** A generation job row; {@code inputMediaId} is the owner's upload for image-to-image, image-to-video and upscale. */
public record JobRecord(String id, String ownerId, String type, String prompt, String negativePrompt, int width,
                        int height, int durationSeconds, long seed, String requestedProvider, String idempotencyKey,
                        JobStatus status, String provider, long cost, String errorCode, String errorMessage,
                        Instant createdAt, Instant startedAt, Instant completedAt, Instant expiresAt,
                        String inputMediaId) {
    /** A job without an input medium (text-to-image, text-to-video). */
    public JobRecord(String id, String ownerId, String type, String prompt, String negativePrompt, int width,
                     int height, int durationSeconds, long seed, String requestedProvider, String idempotencyKey,
                     JobStatus status, String provider, long cost, String errorCode, String errorMessage,
                     Instant createdAt, Instant startedAt, Instant completedAt, Instant expiresAt) {
        this(id, ownerId, type, prompt, negativePrompt, width, height, durationSeconds, seed, requestedProvider,
                idempotencyKey, status, provider, cost, errorCode, errorMessage, createdAt, startedAt, completedAt,
                expiresAt, null);
    }
}
