package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.aisora.api.error.RateLimitedException;

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
 * once {@code window} passes after the latest failure's delay. Counts live in memory on this node.
 * <p>
 * Memory stays bounded: at {@code maxKeys} a map sweeps forgotten entries, and if it is still full a new
 * key is not tracked. An untracked account is treated as one with failures, so the address rule holds
 * for it (an attacker who fills the map does not free a target from every limit).
 */
public final class LoginThrottle {
    public static final String CODE = "too_many_login_attempts";
    static final int DEFAULT_MAX_KEYS = 100_000;
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    /** The settings; durations positive, counts at least 1 (free counts at least 0). */
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

    private record Failures(int count, Instant latest) {
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
    // plain maps under this object's lock: check-and-count must be one step, and each step is O(1)
    private final Map<String, Failures> accounts = new HashMap<>();
    private final Map<String, Failures> addresses = new HashMap<>();
    private final Map<Map<String, Failures>, Instant> sweptAt = new IdentityHashMap<>();

    public LoginThrottle(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Refuses an attempt that comes too early, else counts it as a failure.
     *
     * @param accountExists whether the e-mail belongs to an account (the address rule spares clean ones)
     * @throws RateLimitedException {@value #CODE} with the seconds left to wait
     */
    public synchronized Attempt begin(String email, boolean accountExists, String address) {
        Instant now = clock.instant();
        String account = key(email);
        Failures own = live(accounts, account, limits.freeAccount(), limits.maxAccountDelay(), now);
        boolean tracked = account != null && (own != null || room(accounts, limits.freeAccount(),
                limits.maxAccountDelay(), now));
        long waitMillis = waitMillis(own, limits.freeAccount(), limits.maxAccountDelay(), now);
        if (!accountExists || own != null || (account != null && !tracked)) {
            Failures near = live(addresses, address, limits.freeAddress(), limits.maxAddressDelay(), now);
            waitMillis = Math.max(waitMillis, waitMillis(near, limits.freeAddress(), limits.maxAddressDelay(), now));
        }
        if (waitMillis > 0) {
            long seconds = (waitMillis + 999) / 1000;
            throw new RateLimitedException(CODE, "too many failed sign-ins; try again in " + seconds + " s", seconds);
        }
        boolean addressTracked = address != null && (addresses.containsKey(address)
                || room(addresses, limits.freeAddress(), limits.maxAddressDelay(), now));
        if (tracked) {
            accounts.merge(account, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        }
        if (addressTracked) {
            addresses.merge(address, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        }
        return new Attempt(tracked ? account : null, addressTracked ? address : null);
    }

    /** The password was right: the account starts afresh and the address's count is taken back. */
    public synchronized void succeeded(Attempt attempt) {
        if (attempt.account != null) {
            accounts.remove(attempt.account);
        }
        uncount(addresses, attempt.address);
    }

    /** The password was never checked (no hashing slot, an error): nothing is held against anyone. */
    public synchronized void abandoned(Attempt attempt) {
        uncount(accounts, attempt.account);
        uncount(addresses, attempt.address);
    }

    /** Keys tracked now, for the memory-bound test. */
    synchronized int size() {
        return accounts.size() + addresses.size();
    }

    static Duration delay(int failures, int free, Duration max) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = failures - free;
        if (doublings >= 40) {
            return max;
        }
        Duration d = STEP.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    private Failures live(Map<String, Failures> map, String key, int free, Duration max, Instant now) {
        Failures f = key == null ? null : map.get(key);
        if (f != null && forgotten(f, free, max, now)) {
            map.remove(key);
            return null;
        }
        return f;
    }

    private boolean forgotten(Failures f, int free, Duration max, Instant now) {
        return !now.isBefore(f.latest().plus(delay(f.count(), free, max)).plus(limits.window()));
    }

    private boolean room(Map<String, Failures> map, int free, Duration max, Instant now) {
        // a full map is swept at most once a second: a flood of new keys must not make every attempt pay a
        // scan of all of them under this lock
        Instant last = sweptAt.get(map);
        if (map.size() >= limits.maxKeys() && (last == null || !now.isBefore(last.plus(SWEEP_EVERY)))) {
            sweptAt.put(map, now);
            map.values().removeIf(f -> forgotten(f, free, max, now));
        }
        return map.size() < limits.maxKeys();
    }

    private static long waitMillis(Failures f, int free, Duration max, Instant now) {
        if (f == null) {
            return 0;
        }
        Instant until = f.latest().plus(delay(f.count(), free, max));
        return until.isAfter(now) ? Duration.between(now, until).toMillis() : 0;
    }

    private static void uncount(Map<String, Failures> map, String key) {
        if (key != null) {
            map.computeIfPresent(key, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.latest()));
        }
    }

    static String key(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
