package org.aisora.core.internal.limits;

/**
 * At most the plan's number of queued plus running jobs per account. The count comes from the database,
 * read inside the submission's transaction under the account's row lock (see
 * {@link org.aisora.api.store.JobStore#submit}): submissions of one account take turns there on every node, so
 * count and enqueue never interleave and the cap holds across nodes.
 */
public final class ConcurrencyCap {
    private final long retryAfterSeconds;

    public ConcurrencyCap() {
        this(3);
    }

    /** @param retryAfterSeconds what a refused client is told to wait */
    public ConcurrencyCap(long retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Throws 429 {@code too_many_concurrent_jobs} with a retry-after when {@code activeJobs} is at the plan's cap. */
    public void require(Plan plan, int activeJobs) {
        if (activeJobs >= plan.maxConcurrentJobs()) {
            throw LimitRefusals.tooManyConcurrentJobs(plan, retryAfterSeconds);
        }
    }
}
