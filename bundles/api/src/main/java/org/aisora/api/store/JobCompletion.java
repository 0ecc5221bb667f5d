package org.aisora.api.store;

import java.time.Instant;
import java.util.List;

/**
 * How a job ends, written in one transaction: its status and error, the media it produced and the
 * ledger transaction that captures or releases its hold.
 */
public record JobCompletion(String jobId, JobStatus status, String errorCode, String errorMessage,
                            List<MediaRecord> outputs, LedgerTransaction settlement, Instant completedAt) {
    public JobCompletion {
        outputs = List.copyOf(outputs);
    }
}
