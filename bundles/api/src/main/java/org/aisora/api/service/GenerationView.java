package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/** A generation job as its owner sees it; opened alone, with its provider attempts and its ledger entries (hold, capture or release). */
public record GenerationView(String id, String type, String status, String prompt, int width, int height,
                             long seed, String provider, long cost, List<MediaView> outputs, ErrorView error,
                             Instant createdAt, Instant startedAt, Instant completedAt, Instant expiresAt,
                             List<AttemptView> attempts, List<CreditEntryView> credits) {
    public GenerationView {
        outputs = List.copyOf(outputs);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    /** A job seen without its attempts (lists). */
    public GenerationView(String id, String type, String status, String prompt, int width, int height, long seed,
                          String provider, long cost, List<MediaView> outputs, ErrorView error, Instant createdAt,
                          Instant startedAt, Instant completedAt, Instant expiresAt) {
        this(id, type, status, prompt, width, height, seed, provider, cost, outputs, error, createdAt, startedAt,
                completedAt, expiresAt, List.of(), List.of());
    }
}
