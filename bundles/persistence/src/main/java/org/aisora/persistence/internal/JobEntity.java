package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;

@Entity(name = "Job")
@Table(name = "jobs")
public final class JobEntity {
    @Id
    @Column(name = "id", length = 36)
    private String id;
    @Column(name = "owner_id", nullable = false, length = 36)
    private String ownerId;
    @Column(name = "type", nullable = false, length = 32)
    private String type;
    @Column(name = "prompt", length = 4000)
    private String prompt;
    @Column(name = "negative_prompt", length = 4000)
    private String negativePrompt;
    @Column(name = "width", nullable = false)
    private int width;
    @Column(name = "height", nullable = false)
    private int height;
    @Column(name = "duration_seconds", nullable = false)
    private int durationSeconds;
    @Column(name = "seed", nullable = false)
    private long seed;
    @Column(name = "requested_provider", length = 100)
    private String requestedProvider;
    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;
    @Column(name = "input_media_id", length = 36)
    private String inputMediaId;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private JobStatus status;
    @Column(name = "provider", length = 100)
    private String provider;
    @Column(name = "cost", nullable = false)
    private long cost;
    @Column(name = "error_code", length = 64)
    private String errorCode;
    @Column(name = "error_message", length = 1000)
    private String errorMessage;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "started_at")
    private Instant startedAt;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "completed_at")
    private Instant completedAt;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "expires_at")
    private Instant expiresAt;

    JobEntity() {
    }

    static JobEntity of(JobRecord r) {
        JobEntity e = new JobEntity();
        e.id = r.id();
        e.ownerId = r.ownerId();
        e.type = r.type();
        e.prompt = r.prompt();
        e.negativePrompt = r.negativePrompt();
        e.width = r.width();
        e.height = r.height();
        e.durationSeconds = r.durationSeconds();
        e.seed = r.seed();
        e.requestedProvider = r.requestedProvider();
        e.idempotencyKey = r.idempotencyKey();
        e.inputMediaId = r.inputMediaId();
        e.status = r.status();
        e.provider = r.provider();
        e.cost = r.cost();
        e.errorCode = r.errorCode();
        e.errorMessage = r.errorMessage();
        e.createdAt = r.createdAt();
        e.startedAt = r.startedAt();
        e.completedAt = r.completedAt();
        e.expiresAt = r.expiresAt();
        return e;
    }

    JobRecord toRecord() {
        return new JobRecord(id, ownerId, type, prompt, negativePrompt, width, height, durationSeconds, seed,
                requestedProvider, idempotencyKey, status, provider, cost, errorCode, errorMessage, createdAt,
                startedAt, completedAt, expiresAt, inputMediaId);
    }

    JobStatus status() {
        return status;
    }

    void complete(JobCompletion c) {
        status = c.status();
        errorCode = c.errorCode();
        errorMessage = c.errorMessage();
        completedAt = c.completedAt();
        if (c.provider() != null) {
            provider = c.provider();
        }
    }
}
