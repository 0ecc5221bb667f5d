package org.aisora.api.store;

import java.time.Instant;
import java.util.List;

/**
 * How a job ends, written in one transaction: its status and error, the media it produced and the
 * ledger transaction that captures or releases its hold; {@code provider}, when set, names the provider
 * that produced the outputs (after a fallback it is not the first one tried).
 */
public record JobCompletion(String jobId, JobStatus status, String errorCode, String errorMessage,
                            List<MediaRecord> outputs, LedgerTransaction settlement, Instant completedAt,
                            String provider) {
    public JobCompletion {
        outputs = List.copyOf(outputs);
    }

    /** A completion that leaves the job's provider as it is (failures, cancels). */
    public JobCompletion(String jobId, JobStatus status, String errorCode, String errorMessage,
                         List<MediaRecord> outputs, LedgerTransaction settlement, Instant completedAt) {
        this(jobId, status, errorCode, errorMessage, outputs, settlement, completedAt, null);
    }
}
