package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Generation jobs; state changes are compare-and-set on the current status. */
@ProviderType
public interface JobStore {
    /**
     * Inserts a queued job and posts its credit hold in one transaction.
     * @throws org.aisora.api.error.InsufficientCreditsException and nothing is written
     */
    void enqueue(JobRecord job, LedgerTransaction hold);

    Optional<JobRecord> find(String id);

    Optional<JobRecord> findByIdempotencyKey(String ownerId, String idempotencyKey);

    List<JobRecord> listByOwner(String ownerId, int offset, int limit);

    List<JobRecord> listRecent(int limit);

    List<JobRecord> listByStatus(JobStatus status, int limit);

    /** The owner's queued and running jobs: what a plan's concurrency cap counts. */
    int countActive(String ownerId);

    /** queued → running. @return false when the job was not queued (someone else took it, or it was canceled) */
    boolean markRunning(String jobId, String provider, Instant startedAt);

    /** running → queued after a crash or a vanished provider. */
    boolean requeue(String jobId);

    /**
     * Ends a job that is not terminal yet, with its outputs and settlement, in one transaction.
     * @return false when the job was already terminal (nothing changes)
     */
    boolean complete(JobCompletion completion);

    /** Appends one attempt; attempts stay when the job is requeued, so a crash never hides who saw a prompt. */
    void recordAttempt(JobAttempt attempt);

    /** A job's attempts in the order they were made. */
    List<JobAttempt> attempts(String jobId);

    /** Deletes every job of an owner with its attempts, in one transaction. @return jobs deleted */
    int deleteByOwner(String ownerId);
}
