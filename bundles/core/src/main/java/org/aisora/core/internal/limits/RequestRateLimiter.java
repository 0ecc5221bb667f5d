package org.aisora.core.internal.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per minute per account: a token bucket holding the plan's requests per minute, refilled
 * continuously (a full bucket takes one minute). The arithmetic is integral: a token is {@link #UNIT}
 * units and each elapsed nanosecond adds {@code requestsPerMinute} units, so retry-after is exact.
 * <p>
 * Memory stays bounded without a thread of its own: calls sweep now and then. A bucket idle for a
 * minute is full, the same as a fresh one, so dropping it changes nothing; only above {@code maxAccounts}
 * are the least recently seen buckets dropped too (those accounts get a fresh burst).
 */
public final class RequestRateLimiter {
    /** Units per token: nanoseconds per minute. */
    static final long UNIT = 60_000_000_000L;
    private static final long SWEEP_EVERY_NANOS = 60_000_000_000L;

    private final Clock clock;
    private final int maxAccounts;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    /** tokens in units; atNanos is when they were counted; perMinute the capacity they were counted under. */
    private record Bucket(long tokens, long atNanos, int perMinute) {
    }

    public RequestRateLimiter(Clock clock) {
        this(clock, 100_000);
    }

    public RequestRateLimiter(Clock clock, int maxAccounts) {
        if (maxAccounts < 1) {
            throw new IllegalArgumentException("maxAccounts must be at least 1");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAccounts = maxAccounts;
    }

    /**
     * Takes one token for the account. Empty means allowed; otherwise the whole seconds until a token
     * is there (at least 1), and nothing was taken. A changed plan applies from this call on.
     */
    public OptionalLong tryAcquire(String accountId, Plan plan) {
        Objects.requireNonNull(accountId, "accountId");
        long now = nowNanos();
        long[] waitNanos = {0};
        buckets.compute(accountId, (id, old) -> {
            Bucket b = refilled(old, now, plan.requestsPerMinute());
            if (b.tokens() >= UNIT) {
                return new Bucket(b.tokens() - UNIT, now, b.perMinute());
            }
            waitNanos[0] = ceilDiv(UNIT - b.tokens(), b.perMinute());
            return b;
        });
        sweepIfDue(now);
        return waitNanos[0] == 0 ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, ceilDiv(waitNanos[0], 1_000_000_000L)));
    }

    /** Like {@link #tryAcquire} but throws 429 {@code rate_limited} with the retry-after. */
    public void acquire(String accountId, Plan plan) {
        OptionalLong retryAfter = tryAcquire(accountId, plan);
        if (retryAfter.isPresent()) {
            throw LimitRefusals.rateLimited(plan, retryAfter.getAsLong());
        }
    }

    /** Accounts currently tracked. */
    public int size() {
        return buckets.size();
    }

    /**
     * The bucket brought up to {@code now}: refilled at the rate it was counted under, then moved to the
     * new capacity keeping what was used (30 of free used, on pro: 270 left; the other way round: 0 left).
     */
    private static Bucket refilled(Bucket old, long now, int perMinute) {
        long capacity = perMinute * UNIT;
        if (old == null) {
            return new Bucket(capacity, now, perMinute);
        }
        long oldCapacity = old.perMinute() * UNIT;
        // a clock stepping back refills nothing; a minute or more refills everything (and cannot overflow)
        long elapsed = Math.min(Math.max(0, now - old.atNanos()), UNIT);
        long tokens = Math.min(oldCapacity, old.tokens() + elapsed * old.perMinute());
        tokens = Math.max(0, Math.min(capacity, tokens + capacity - oldCapacity));
        return new Bucket(tokens, Math.max(now, old.atNanos()), perMinute);
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        boolean due = last == Long.MIN_VALUE || now - last >= SWEEP_EVERY_NANOS || buckets.size() > maxAccounts;
        if (due && lastSweep.compareAndSet(last, now)) {
            sweep(now);
        }
    }

    /** Drops idle (hence full) buckets, then the least recently seen ones while over the cap. */
    void sweep(long now) {
        buckets.entrySet().removeIf(e -> now - e.getValue().atNanos() >= UNIT);
        int excess = buckets.size() - maxAccounts;
        if (excess <= 0) {
            return;
        }
        // down to 90% of the cap so the next calls do not sort again at once
        int drop = excess + maxAccounts / 10;
        long[] seen = buckets.values().stream().mapToLong(Bucket::atNanos).toArray();
        Arrays.sort(seen);
        long cutoff = seen[Math.min(drop, seen.length) - 1];
        buckets.forEach((id, b) -> {
            if (b.atNanos() <= cutoff) {
                buckets.remove(id, b); // only if untouched since: a bucket used meanwhile stays
            }
        });
    }

    private long nowNanos() {
        Instant t = clock.instant();
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
