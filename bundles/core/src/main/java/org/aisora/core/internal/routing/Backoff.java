package org.aisora.core.internal.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniform random time in
 * {@code [0, min(cap, base * 2^(n-1))]}, in milliseconds. Full jitter spreads the retries of many jobs
 * that failed together, so they do not hit the recovering vendor in one wave.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @param retry 1 for the first retry */
    public Duration delay(int retry) {
        long ceiling = ceiling(retry).toMillis();
        long drawn;
        synchronized (random) { // the injected generator need not be thread-safe
            drawn = ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
        }
        return Duration.ofMillis(drawn);
    }

    /** The largest delay {@link #delay} may return for this retry. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry starts at 1");
        }
        int shift = retry - 1;
        // doubling past the cap (or past 62 bits) only matters for overflow: stop there
        if (shift >= 62 || baseMillis > (capMillis >> shift)) {
            return Duration.ofMillis(capMillis);
        }
        return Duration.ofMillis(Math.min(capMillis, baseMillis << shift));
    }
}
