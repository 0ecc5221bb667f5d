package org.aisora.persistence.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;
import org.aisora.api.store.JobAttempt;

/** A row of job_attempts; see V4__job_attempts.sql and V16__job_attempt_intents.sql. */
@Entity(name = "JobAttempt")
@Table(name = "job_attempts")
@IdClass(JobAttemptEntity.Key.class)
public final class JobAttemptEntity {
    @Id
    @Column(name = "job_id", length = 36)
    private String jobId;
    @Id
    @Column(name = "seq")
    private int seq;
    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;
    @Column(name = "outcome", nullable = false, length = 32)
    private String outcome;
    @Column(name = "error_code", length = 64)
    private String errorCode;
    @Column(name = "latency_ms", nullable = false)
    private long latencyMs;
    @Column(name = "cost_micros", nullable = false)
    private long costMicros;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "vendor", length = 100)
    private String vendor;
    @Column(name = "vendor_retention", length = 500)
    private String vendorRetention;
    @Column(name = "vendor_deletable", nullable = false)
    private boolean vendorDeletable;
    @Column(name = "vendor_task_id", length = 200)
    private String vendorTaskId;
    @Column(name = "idempotency_key", length = 100)
    private String idempotencyKey;

    JobAttemptEntity() {
    }

    static JobAttemptEntity of(JobAttempt a) {
        JobAttemptEntity e = new JobAttemptEntity();
        e.jobId = a.jobId();
        e.seq = a.seq();
        e.providerId = cut(a.providerId(), 100);
        e.outcome = a.outcome();
        e.errorCode = cut(a.errorCode(), 64);
        e.latencyMs = a.latencyMs();
        e.costMicros = a.costMicros();
        e.startedAt = a.startedAt();
        e.vendor = cut(a.vendor(), 100);
        e.vendorRetention = cut(a.vendorRetention(), 500);
        e.vendorDeletable = a.vendorDeletable();
        e.vendorTaskId = cut(a.vendorTaskId(), 200);
        e.idempotencyKey = cut(a.idempotencyKey(), 100);
        return e;
    }

    /** The vendor's task id, on a started attempt. */
    void accept(String taskId) {
        vendorTaskId = cut(taskId, 200);
    }

    /** The end of the call, on a started attempt: what was written at its start stays. */
    void settle(JobAttempt a) {
        outcome = a.outcome();
        errorCode = cut(a.errorCode(), 64);
        latencyMs = a.latencyMs();
        costMicros = a.costMicros();
        if (a.vendorTaskId() != null) {
            vendorTaskId = cut(a.vendorTaskId(), 200);
        }
    }

    JobAttempt toRecord() {
        return new JobAttempt(jobId, seq, providerId, outcome, errorCode, latencyMs, costMicros, startedAt, vendor,
                vendorRetention, vendorDeletable, vendorTaskId, idempotencyKey);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The composite key (job_id, seq). */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String jobId;
        private int seq;

        public Key() {
        }

        Key(String jobId, int seq) {
            this.jobId = jobId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.jobId, jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, seq);
        }
    }
}
