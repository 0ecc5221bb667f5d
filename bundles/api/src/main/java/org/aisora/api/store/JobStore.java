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

    /**
     * Admits and enqueues a job in one transaction: locks the owner's account row, reads the counters of
     * {@code counterKeys} live at {@code now}, lets {@code admission} decide (it checks the plan's limits and
     * names the job and its hold), then writes the counters, inserts the job and posts the hold. Submissions of
     * one account, from any node, take turns on the account row.
     * @return the job inserted
     * @throws org.aisora.api.error.InsufficientCreditsException when the hold does not fit; the counters are kept
     * @throws org.aisora.api.error.AisoraException {@code idempotency_key_reused} (409); nothing is written
     * @since 2.2
     */
    JobRecord submit(String ownerId, java.util.Collection<String> counterKeys, Instant now, Admission admission);

    Optional<JobRecord> find(String id);

    Optional<JobRecord> findByIdempotencyKey(String ownerId, String idempotencyKey);

    List<JobRecord> listByOwner(String ownerId, int offset, int limit);

    List<JobRecord> listRecent(int limit);

    List<JobRecord> listByStatus(JobStatus status, int limit);

    /** The owner's queued and running jobs: what a plan's concurrency cap counts. */
    int countActive(String ownerId);

    /**
     * queued → running outside the leases (from before 2.1): the job holds no claim afterwards, so any node takes
     * it over; the job engine uses {@link #markRunning(String, String, Instant, Instant)}.
     * @return false when the job was not queued (someone else took it, or it was canceled)
     */
    boolean markRunning(String jobId, String provider, Instant startedAt);

    /** running → queued after a crash or a vanished provider; drops the job's claim. */
    boolean requeue(String jobId);

    /**
     * Claims up to {@code limit} queued jobs for {@code node} until {@code leaseUntil}, oldest first: jobs no node
     * claimed, or whose claim ran out before {@code now}. Claimers racing on other nodes never get the same job,
     * and none waits on another ({@code FOR UPDATE SKIP LOCKED}).
     * @return the claimed jobs
     * @since 2.1
     */
    List<JobRecord> claimQueued(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Claims one queued job for {@code node}, as {@link #claimQueued}; a node's own claim is renewed.
     * @return false when the job is not queued or another node holds a live claim on it
     * @since 2.1
     */
    boolean claim(String jobId, String node, Instant now, Instant leaseUntil);

    /**
     * queued → running for the node that holds the job's claim, recording the lease.
     * @return false when the job is not queued or {@code node} does not hold its claim
     * @since 2.1
     */
    boolean markRunning(String jobId, String node, Instant startedAt, Instant leaseUntil);

    /**
     * The heartbeat: moves the lease of every queued or running job {@code node} holds to {@code leaseUntil};
     * jobs claimed by other nodes are not touched. @return jobs extended
     * @since 2.1
     */
    int extendLeases(String node, Instant leaseUntil);

    /**
     * Takes over running jobs whose lease ran out before {@code now} (or that have none, from before leases):
     * each goes back to queued, claimed by {@code node} until {@code leaseUntil}, its provider forgotten. Its
     * start time stays: a queued job with a start time is one whose run was interrupted. Jobs with a live
     * lease are never taken. @return the jobs taken over
     * @since 2.1
     */
    List<JobRecord> takeOverExpired(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Drops {@code node}'s claims on jobs that are still queued (they never started here), so any node may
     * claim them at once. Running jobs keep their lease until it runs out. @return claims dropped
     * @since 2.1
     */
    int releaseQueued(String node);

    /**
     * Drops {@code node}'s claim on one job it no longer works on: a queued job (taken without room to run it) is
     * free at once; a running one (its run broke off on this node) has no lease left and the next scan of any
     * node takes it over.
     * @return false when the job is not queued or running, or {@code node} does not hold its claim
     * @since 2.1
     */
    boolean release(String jobId, String node);

    /**
     * Ends a job that is not terminal yet, with its outputs and settlement, in one transaction.
     * @return false when the job was already terminal (nothing changes)
     */
    boolean complete(JobCompletion completion);

    /**
     * Appends one attempt: a {@link JobAttempt#STARTED} one before the provider is called, or one that is over
     * already (a provider skipped). Attempts stay when the job is requeued or taken over, so a crash never hides
     * who saw a prompt.
     */
    void recordAttempt(JobAttempt attempt);

    /**
     * Writes the vendor's task id to a started attempt, as soon as the vendor answered.
     * @return false when the attempt is not started (settled meanwhile, or erased with its job)
     * @since 2.2
     */
    boolean attemptAccepted(String jobId, int seq, String vendorTaskId);

    /**
     * Settles a started attempt in its own row (same job and seq): outcome, error code, latency, cost and task id
     * come from {@code attempt}; what was written at the start (provider, vendor, key, start time) stays.
     * @return false when no started attempt has that job and seq (settled already, or erased with its job)
     * @since 2.2
     */
    boolean settleAttempt(JobAttempt attempt);

    /** A job's attempts in the order they were made. */
    List<JobAttempt> attempts(String jobId);

    /** Deletes every job of an owner with its attempts, in one transaction. @return jobs deleted */
    int deleteByOwner(String ownerId);
}
