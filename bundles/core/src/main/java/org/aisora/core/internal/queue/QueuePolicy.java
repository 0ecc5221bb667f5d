package org.aisora.core.internal.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.aisora.core.internal.routing.Backoff;

/**
 * How a leased queue is drained: rows claimed per pass, how long a claim holds, how a failing row backs off
 * (base doubled per attempt, capped, with jitter) and after how many attempts it is given up. The figures
 * are clamped here, once, to what keeps a queue sane: a lease of at least 5 s, a first wait of at least 1 s.
 */
public final class QueuePolicy {
    private final int batch;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration longest;
    private final Backoff backoff;

    public QueuePolicy(int batch, long leaseSeconds, long retryBaseSeconds, long retryMaxSeconds, int maxAttempts) {
        this.batch = Math.max(1, batch);
        this.lease = Duration.ofSeconds(Math.max(5, leaseSeconds));
        this.maxAttempts = Math.max(1, maxAttempts);
        Duration base = Duration.ofSeconds(Math.max(1, retryBaseSeconds));
        this.longest = Duration.ofSeconds(Math.max(base.toSeconds(), retryMaxSeconds));
        this.backoff = new Backoff(base, longest, RandomGenerator.getDefault());
    }

    public int batch() {
        return batch;
    }

    public Duration lease() {
        return lease;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest wait between two attempts; also how long a row waits for a plugin that is not installed. */
    public Duration longest() {
        return longest;
    }

    /** Half the attempt's ceiling plus up to half again at random: never zero, so a failing batch cannot spin. */
    public Duration retryDelay(int attempt) {
        return backoff.ceiling(attempt).dividedBy(2).plus(backoff.delay(attempt).dividedBy(2));
    }
}
