package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/** A generation job as its owner sees it. */
public record GenerationView(String id, String type, String status, String prompt, int width, int height,
                             long seed, String provider, long cost, List<MediaView> outputs, ErrorView error,
                             Instant createdAt, Instant startedAt, Instant completedAt, Instant expiresAt) {
    public GenerationView {
        outputs = List.copyOf(outputs);
    }
}
