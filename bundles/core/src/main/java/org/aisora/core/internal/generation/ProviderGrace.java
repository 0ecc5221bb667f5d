package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.aisora.api.store.JobRecord;

/**
 * Lets a job whose run was interrupted (a crash, a stop, a node whose lease ran out) wait for its plugins: right
 * after a start the providers register one by one, and a recovered job must not fail {@code no_provider} only
 * because it was looked at first. The wait is counted from the moment this node first picks the job up.
 * New jobs never wait: their user is told at once that nothing can run them.
 */
final class ProviderGrace {
    private final Clock clock;
    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();
    private volatile Duration grace;

    ProviderGrace(Duration grace, Clock clock) {
        this.grace = grace;
        this.clock = clock;
    }

    void grace(Duration grace) {
        this.grace = grace;
    }

    /**
     * @param missing whether what the job needs is not installed (asked only for a recovered job)
     * @return true when the job should be tried again later instead of failing now
     */
    boolean waits(JobRecord job, BooleanSupplier missing) {
        if (job.startedAt() == null) {
            return false; // never ran: not a recovered job
        }
        Instant now = clock.instant();
        Instant deadline = deadlines.computeIfAbsent(job.id(), id -> now.plus(grace));
        if (now.isBefore(deadline) && missing.getAsBoolean()) {
            return true;
        }
        deadlines.remove(job.id());
        return false;
    }

    void forget(String jobId) {
        deadlines.remove(jobId);
    }
}
