package org.aisora.core.internal.accounts;

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
 * Password-reset requests per e-mail address (known or not: the count must not tell) and per client address,
 * each in a fixed window that opens at its first request. Shared counters in the database, so the limits hold
 * on every node; their keys are digests, never the address. A request refused by one limit counts against
 * neither.
 */
final class PasswordResetLimiter {
    static final String CODE = "password_reset_rate_limited";
    static final String EMAIL = "reset.email";
    static final String ADDRESS = "reset.address";

    private final Clock clock;
    private final CounterStore counters;
    private final int perEmail;
    private final int perAddress;
    private final Duration window;

    PasswordResetLimiter(Clock clock, CounterStore counters, int perEmail, int perAddress, Duration window) {
        if (perEmail < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("password-reset limits need counts >= 1 and a positive window");
        }
        this.clock = clock;
        this.counters = counters;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** @throws RateLimitedException {@value #CODE} with the seconds until the window that refused closes */
    void acquire(String email, String address) {
        Instant now = clock.instant();
        String mail = CounterKeys.of(EMAIL, email);
        String near = address == null || address.isBlank() ? null
                : CounterKeys.of(ADDRESS, address.trim().toLowerCase(Locale.ROOT));
        List<String> keys = new ArrayList<>(List.of(mail));
        if (near != null) {
            keys.add(near);
        }
        counters.update(keys, now, rows -> {
            CounterRecord mine = near == null ? null : rows.get(near);
            if (mine != null && mine.count() >= perAddress) {
                throw refused(mine.expiresAt(), now);
            }
            CounterRecord forEmail = rows.get(mail);
            if (forEmail != null && forEmail.count() >= perEmail) {
                throw refused(forEmail.expiresAt(), now);
            }
            rows.put(mail, counted(mail, forEmail, now));
            if (near != null) {
                rows.put(near, counted(near, mine, now));
            }
            return null;
        });
    }

    private CounterRecord counted(String key, CounterRecord open, Instant now) {
        return open == null ? new CounterRecord(key, 1, now.toEpochMilli(), 0, now.plus(window))
                : new CounterRecord(key, open.count() + 1, open.stamp(), 0, open.expiresAt());
    }

    private static RateLimitedException refused(Instant closes, Instant now) {
        long seconds = Math.max(1, (Duration.between(now, closes).toMillis() + 999) / 1000);
        return new RateLimitedException(CODE, "too many password-reset requests; try again in " + seconds + " s",
                seconds);
    }
}
