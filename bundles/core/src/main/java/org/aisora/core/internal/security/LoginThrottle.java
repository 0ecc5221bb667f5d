package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.store.CounterRecord;
import org.aisora.api.store.CounterStore;
import org.aisora.core.internal.limits.CounterKeys;

/**
 * Progressive delays after failed password checks (OWASP Authentication Cheat Sheet), per account and per
 * client address, instead of a hard lockout of an address.
 * <ul>
 * <li>Account (normalised e-mail, known or not): the first {@code freeAccount} failures are free; after
 * that an attempt must wait {@code min(1 s * 2^(failures - freeAccount), maxAccountDelay)} after the
 * latest failure. A success clears the account.</li>
 * <li>Address: past {@code freeAddress} failures the same doubling applies, capped short
 * ({@code maxAddressDelay}), and only to attempts on accounts with failures of their own or unknown
 * ones: a clean account is never held back by others' failures from its address (behind a proxy the
 * address is everyone's).</li>
 * </ul>
 * An attempt is counted as a failure <em>before</em> the password is hashed ({@link #begin}); a success
 * takes it back, so parallel attempts cannot all pass the limit while they hash. Failures are forgotten
 * once {@code window} passes after the latest failure's delay.
 * <p>
 * The counts are shared counters in the database ({@link CounterStore}), so the delays hold on every node:
 * check and count are one locked read-modify-write of the account's and the address's rows. Their keys hold
 * digests, not the e-mail or the address; forgotten rows are deleted when next touched or by the retention sweep.
 */
public final class LoginThrottle {
    public static final String CODE = "too_many_login_attempts";
    static final int DEFAULT_MAX_KEYS = 100_000;
    static final String ACCOUNT = "login.account";
    static final String ADDRESS = "login.address";
    private static final Duration STEP = Duration.ofSeconds(1);

    /**
     * The settings; durations positive, counts at least 1 (free counts at least 0). {@code maxKeys} bounded the
     * in-memory maps of earlier versions and is kept for configuration compatibility only.
     */
    public record Limits(int freeAccount, Duration maxAccountDelay, int freeAddress, Duration maxAddressDelay,
                         Duration window, int maxKeys) {
        public Limits {
            if (freeAccount < 0 || freeAddress < 0 || maxKeys < 1 || !positive(maxAccountDelay)
                    || !positive(maxAddressDelay) || !positive(window)) {
                throw new IllegalArgumentException("login throttling needs counts >= 0 and positive durations");
            }
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }
    }

    /** One counted attempt: settle it with {@link #succeeded} or {@link #abandoned}; a failure needs nothing. */
    public static final class Attempt {
        private final String account;
        private final String address;

        private Attempt(String account, String address) {
            this.account = account;
            this.address = address;
        }
    }

    private final Clock clock;
    private final Limits limits;
    private final CounterStore counters;

    /** The throttle the security settings describe: every one made from the same settings shares the counts. */
    public static LoginThrottle of(Clock clock, SecurityConfiguration security, CounterStore counters) {
        return new LoginThrottle(clock, new Limits(security.login_max_failures_per_account(),
                Duration.ofSeconds(security.login_max_account_delay_seconds()), security.login_max_failures_per_ip(),
                Duration.ofSeconds(security.login_max_ip_delay_seconds()),
                Duration.ofSeconds(security.login_window_seconds()), security.throttle_max_keys()), counters);
    }

    public LoginThrottle(Clock clock, Limits limits, CounterStore counters) {
        this.clock = clock;
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * Refuses an attempt that comes too early, else counts it as a failure.
     *
     * @param accountExists whether the e-mail belongs to an account (the address rule spares clean ones)
     * @throws RateLimitedException {@value #CODE} with the seconds left to wait
     */
    public Attempt begin(String email, boolean accountExists, String address) {
        Instant now = clock.instant();
        String account = accountKey(email);
        String near = addressKey(address);
        return counters.update(keys(account, near), now, rows -> {
            CounterRecord own = account == null ? null : rows.get(account);
            long waitMillis = waitMillis(own, limits.freeAccount(), limits.maxAccountDelay(), now);
            if (!accountExists || own != null) {
                CounterRecord from = near == null ? null : rows.get(near);
                waitMillis = Math.max(waitMillis, waitMillis(from, limits.freeAddress(), limits.maxAddressDelay(), now));
            }
            if (waitMillis > 0) {
                long seconds = (waitMillis + 999) / 1000;
                throw new RateLimitedException(CODE, "too many failed sign-ins; try again in " + seconds + " s",
                        seconds);
            }
            if (account != null) {
                rows.put(account, failure(account, own, now, limits.freeAccount(), limits.maxAccountDelay()));
            }
            if (near != null) {
                rows.put(near, failure(near, rows.get(near), now, limits.freeAddress(), limits.maxAddressDelay()));
            }
            return new Attempt(account, near);
        });
    }

    /** The password was right: the account starts afresh and the address's count is taken back. */
    public void succeeded(Attempt attempt) {
        counters.update(keys(attempt.account, attempt.address), clock.instant(), rows -> {
            if (attempt.account != null) {
                rows.remove(attempt.account);
            }
            uncount(rows, attempt.address, limits.freeAddress(), limits.maxAddressDelay());
            return null;
        });
    }

    /** The password was never checked (no hashing slot, an error): nothing is held against anyone. */
    public void abandoned(Attempt attempt) {
        counters.update(keys(attempt.account, attempt.address), clock.instant(), rows -> {
            uncount(rows, attempt.account, limits.freeAccount(), limits.maxAccountDelay());
            uncount(rows, attempt.address, limits.freeAddress(), limits.maxAddressDelay());
            return null;
        });
    }

    static Duration delay(long failures, int free, Duration max) {
        if (failures < free) {
            return Duration.ZERO;
        }
        long doublings = failures - free;
        if (doublings >= 40) {
            return max;
        }
        Duration d = STEP.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    private CounterRecord failure(String key, CounterRecord was, Instant now, int free, Duration max) {
        long count = was == null ? 1 : was.count() + 1;
        return new CounterRecord(key, count, now.toEpochMilli(), 0, forgottenAt(count, now, free, max));
    }

    private void uncount(Map<String, CounterRecord> rows, String key, int free, Duration max) {
        CounterRecord f = key == null ? null : rows.get(key);
        if (f == null) {
            return;
        }
        if (f.count() <= 1) {
            rows.remove(key);
            return;
        }
        Instant latest = Instant.ofEpochMilli(f.stamp());
        rows.put(key, new CounterRecord(key, f.count() - 1, f.stamp(), 0, forgottenAt(f.count() - 1, latest, free, max)));
    }

    /** Failures are forgotten once the window passes after the latest failure's delay. */
    private Instant forgottenAt(long count, Instant latest, int free, Duration max) {
        return latest.plus(delay(count, free, max)).plus(limits.window());
    }

    private static long waitMillis(CounterRecord f, int free, Duration max, Instant now) {
        if (f == null) {
            return 0;
        }
        Instant until = Instant.ofEpochMilli(f.stamp()).plus(delay(f.count(), free, max));
        return until.isAfter(now) ? Duration.between(now, until).toMillis() : 0;
    }

    private static List<String> keys(String... keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    static String key(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static String accountKey(String email) {
        String normal = key(email);
        return normal == null ? null : CounterKeys.of(ACCOUNT, normal);
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null
                : CounterKeys.of(ADDRESS, address.trim().toLowerCase(Locale.ROOT));
    }
}
