package org.aisora.core.internal.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.aisora.api.store.CounterRecord;
import org.aisora.api.store.CounterStore;

/**
 * Requests per minute per account: a token bucket holding the plan's requests per minute, refilled
 * continuously (a full bucket takes one minute). The arithmetic is integral: a token is {@link #UNIT}
 * units and each elapsed nanosecond adds {@code requestsPerMinute} units, so retry-after is exact.
 * <p>
 * Each bucket is a shared counter in the database (count = tokens in units, stamp = when they were counted in
 * epoch nanoseconds, limit = the capacity they were counted under), so the rate holds across every node. A
 * bucket idle for a minute is full, the same as none: its row expires then. Submissions take their token
 * inside their own transaction ({@link #take}); anything else may call {@link #tryAcquire}.
 */
public final class RequestRateLimiter {
    /** Units per token: nanoseconds per minute. */
    static final long UNIT = 60_000_000_000L;
    static final String PREFIX = "rate.account";

    private final Clock clock;
    private final CounterStore counters;

    public RequestRateLimiter(Clock clock, CounterStore counters) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = counters;
    }

    /** The counter key of an account's bucket: a digest, so an erased account's id is not left behind in it. */
    public static String key(String accountId) {
        return CounterKeys.of(PREFIX, accountId);
    }

    /**
     * Takes one token for the account, in a transaction of its own. Empty means allowed; otherwise the whole
     * seconds until a token is there (at least 1), and nothing was taken. A changed plan applies from this call on.
     */
    public OptionalLong tryAcquire(String accountId, Plan plan) {
        Objects.requireNonNull(accountId, "accountId");
        Instant now = clock.instant();
        return counters.update(List.of(key(accountId)), now, rows -> take(rows, accountId, plan, now));
    }

    /** Like {@link #tryAcquire} but throws 429 {@code rate_limited} with the retry-after. */
    public void acquire(String accountId, Plan plan) {
        OptionalLong retryAfter = tryAcquire(accountId, plan);
        if (retryAfter.isPresent()) {
            throw LimitRefusals.rateLimited(plan, retryAfter.getAsLong());
        }
    }

    /** {@link #acquire} on counters already locked by the caller's transaction ({@link #key} among them). */
    public static void acquire(Map<String, CounterRecord> counters, String accountId, Plan plan, Instant now) {
        OptionalLong retryAfter = take(counters, accountId, plan, now);
        if (retryAfter.isPresent()) {
            throw LimitRefusals.rateLimited(plan, retryAfter.getAsLong());
        }
    }

    /** The token taken in {@code counters}, or the seconds to wait (and {@code counters} left as they were). */
    static OptionalLong take(Map<String, CounterRecord> counters, String accountId, Plan plan, Instant at) {
        long now = nanos(at);
        String key = key(accountId);
        CounterRecord b = refilled(counters.get(key), now, plan.requestsPerMinute());
        if (b.count() >= UNIT) {
            counters.put(key, bucket(key, b.count() - UNIT, now, b.limit()));
            return OptionalLong.empty();
        }
        long waitNanos = ceilDiv(UNIT - b.count(), b.limit());
        return OptionalLong.of(Math.max(1, ceilDiv(waitNanos, 1_000_000_000L)));
    }

    /**
     * The bucket brought up to {@code now}: refilled at the rate it was counted under, then moved to the
     * new capacity keeping what was used (30 of free used, on pro: 270 left; the other way round: 0 left).
     */
    private static CounterRecord refilled(CounterRecord old, long now, int perMinute) {
        long capacity = perMinute * UNIT;
        if (old == null) {
            return bucket("new", capacity, now, perMinute);
        }
        long oldCapacity = old.limit() * UNIT;
        // a clock stepping back refills nothing; a minute or more refills everything (and cannot overflow)
        long elapsed = Math.min(Math.max(0, now - old.stamp()), UNIT);
        long tokens = Math.min(oldCapacity, old.count() + elapsed * old.limit());
        tokens = Math.max(0, Math.min(capacity, tokens + capacity - oldCapacity));
        return bucket(old.key(), tokens, Math.max(now, old.stamp()), perMinute);
    }

    /** A bucket left alone for a minute from {@code atNanos} is full again: its row is forgotten then. */
    private static CounterRecord bucket(String key, long tokens, long atNanos, int perMinute) {
        Instant full = Instant.ofEpochSecond(0, atNanos).plusNanos(UNIT);
        return new CounterRecord(key, tokens, atNanos, perMinute, full);
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
