package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.store.CounterRecord;
import org.aisora.api.store.CounterStore;
import org.aisora.core.internal.limits.CounterKeys;

/**
 * Sign-ups per client address and platform-wide, each in a fixed window that opens at its first sign-up.
 * Checked before anything is looked up or hashed: every attempt counts, valid or not, since a refused
 * one costs almost nothing and an accepted one costs an Argon2 hash and a credit grant. An attempt
 * refused by the platform-wide limit is not held against its address.
 * <p>
 * The windows are shared counters in the database, so both limits hold across every node of one database
 * (the platform-wide one was per node while it lived in memory). Callers without an address (console,
 * internal) only count against the platform-wide limit.
 */
public final class SignupLimiter {
    public static final String CODE = "signup_rate_limited";
    static final String ADDRESS = "signup.address";
    static final String ALL = "signup.all";

    private final Clock clock;
    private final int perAddress;
    private final Duration addressWindow;
    private final int global;
    private final Duration globalWindow;
    private final CounterStore counters;

    /** @param maxKeys bounded the in-memory map of earlier versions; kept for configuration compatibility */
    public SignupLimiter(Clock clock, int perAddress, Duration addressWindow, int global, Duration globalWindow,
                         int maxKeys, CounterStore counters) {
        if (perAddress < 1 || global < 1 || maxKeys < 1 || addressWindow.isNegative() || addressWindow.isZero()
                || globalWindow.isNegative() || globalWindow.isZero()) {
            throw new IllegalArgumentException("sign-up limits need counts >= 1 and positive windows");
        }
        this.clock = clock;
        this.perAddress = perAddress;
        this.addressWindow = addressWindow;
        this.global = global;
        this.globalWindow = globalWindow;
        this.counters = counters;
    }

    /** @throws RateLimitedException {@value #CODE} with the seconds until the window that refused closes */
    public void acquire(String address) {
        Instant now = clock.instant();
        String near = address == null ? null : CounterKeys.of(ADDRESS, address.trim().toLowerCase(Locale.ROOT));
        List<String> keys = new ArrayList<>(List.of(ALL));
        if (near != null) {
            keys.add(near);
        }
        counters.update(keys, now, rows -> {
            CounterRecord mine = near == null ? null : rows.get(near);
            if (mine != null && mine.count() >= perAddress) {
                throw refused(mine.expiresAt(), now);
            }
            CounterRecord all = rows.get(ALL);
            if (all != null && all.count() >= global) {
                throw refused(all.expiresAt(), now);
            }
            rows.put(ALL, counted(ALL, all, globalWindow, now));
            if (near != null) {
                rows.put(near, counted(near, mine, addressWindow, now));
            }
            return null;
        });
    }

    /** One more in the open window, or the first of a new one (which closes {@code window} after it opens). */
    private static CounterRecord counted(String key, CounterRecord open, Duration window, Instant now) {
        return open == null ? new CounterRecord(key, 1, now.toEpochMilli(), 0, now.plus(window))
                : new CounterRecord(key, open.count() + 1, open.stamp(), 0, open.expiresAt());
    }

    private static RateLimitedException refused(Instant closes, Instant now) {
        long seconds = (Duration.between(now, closes).toMillis() + 999) / 1000;
        return new RateLimitedException(CODE, "too many sign-ups; try again in " + seconds + " s", seconds);
    }
}
