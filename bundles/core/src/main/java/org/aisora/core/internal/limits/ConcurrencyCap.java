package org.aisora.core.internal.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * At most the plan's number of queued plus running jobs per account. The count comes from the database
 * (jobs outlive a restart), so count and enqueue must not interleave between two submits of one account:
 * both run under a per-account lock. That closes the race inside one JVM; several nodes sharing one
 * database would need the check in the database itself.
 * <p>
 * A lock lives only while someone holds or waits for it, so memory follows the submits in flight.
 */
public final class ConcurrencyCap {
    private final long retryAfterSeconds;
    private final Duration lockWait;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** A lock and how many threads hold or wait for it; guarded by the map's per-key atomicity. */
    private static final class Gate {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    public ConcurrencyCap() {
        this(3, Duration.ofSeconds(10));
    }

    /**
     * @param retryAfterSeconds what a refused client is told to wait
     * @param lockWait          longest wait behind another submit of the same account before answering 429
     */
    public ConcurrencyCap(long retryAfterSeconds, Duration lockWait) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
        }
        this.retryAfterSeconds = retryAfterSeconds;
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    /**
     * Runs {@code enqueue} when {@code activeJobs} (the account's queued plus running jobs, read now)
     * is below the plan's maximum, and returns its result; otherwise throws 429
     * {@code too_many_concurrent_jobs} with a retry-after. {@code enqueue} must make the new job visible
     * to {@code activeJobs} before it returns (commit the queued row), or the next submit will not see it.
     */
    public <T> T withSlot(String accountId, Plan plan, IntSupplier activeJobs, Supplier<T> enqueue) {
        Objects.requireNonNull(accountId, "accountId");
        Gate gate = gates.compute(accountId, (id, g) -> {
            Gate out = g == null ? new Gate() : g;
            out.users++;
            return out;
        });
        try {
            if (!lock(gate)) {
                throw LimitRefusals.tooManyConcurrentJobs(plan, retryAfterSeconds);
            }
            try {
                if (activeJobs.getAsInt() >= plan.maxConcurrentJobs()) {
                    throw LimitRefusals.tooManyConcurrentJobs(plan, retryAfterSeconds);
                }
                return enqueue.get();
            } finally {
                gate.lock.unlock();
            }
        } finally {
            gates.computeIfPresent(accountId, (id, g) -> --g.users == 0 ? null : g);
        }
    }

    /** Accounts with a submit in flight (for tests and admin views). */
    public int inFlight() {
        return gates.size();
    }

    private boolean lock(Gate gate) {
        try {
            return gate.lock.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
