package org.aisora.api.store;

import java.time.Instant;

/** A generation job row. */
public record JobRecord(String id, String ownerId, String type, String prompt, String negativePrompt, int width,
                        int height, int durationSeconds, long seed, String requestedProvider, String idempotencyKey,
                        JobStatus status, String provider, long cost, String errorCode, String errorMessage,
                        Instant createdAt, Instant startedAt, Instant completedAt, Instant expiresAt) {
}
