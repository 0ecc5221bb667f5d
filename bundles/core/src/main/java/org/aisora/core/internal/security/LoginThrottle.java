package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.error.RateLimitedException;

/**
 * Failed sign-ins per account (e-mail) and per client IP. Each key counts failures in a fixed window
 * that opens at its first failure; at the limit, sign-in is refused until the window closes, before the
 * password is even checked. A success clears the account's count (not the IP's: one good password must
 * not reset a spray across many accounts). Counts live in memory on this node.
 * <p>
 * Memory stays bounded: closed windows are swept when a map reaches {@code maxKeys}, and if it is still
 * full new keys are not tracked; the other counter (the IP's, or the account's) still applies to them.
 */
public final class LoginThrottle {
    public static final String CODE = "too_many_login_attempts";
    static final int DEFAULT_MAX_KEYS = 100_000;

    private record Window(int failures, Instant opened) {
    }

    private final Clock clock;
    private final int perAccount;
    private final int perIp;
    private final Duration window;
    private final int maxKeys;
    private final Map<String, Window> accounts = new ConcurrentHashMap<>();
    private final Map<String, Window> ips = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int perAccount, int perIp, Duration window) {
        this(clock, perAccount, perIp, window, DEFAULT_MAX_KEYS);
    }

    LoginThrottle(Clock clock, int perAccount, int perIp, Duration window, int maxKeys) {
        if (perAccount < 1 || perIp < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("login throttling needs limits >= 1 and a positive window");
        }
        this.clock = clock;
        this.perAccount = perAccount;
        this.perIp = perIp;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** @throws RateLimitedException {@value #CODE} while the account or the IP is over its limit */
    public void check(String email, String ip) {
        Instant now = clock.instant();
        long wait = Math.max(waitSeconds(accounts, key(email), perAccount, now), waitSeconds(ips, ip, perIp, now));
        if (wait > 0) {
            throw new RateLimitedException(CODE, "too many failed sign-ins; try again in " + wait + " s", wait);
        }
    }

    public void failed(String email, String ip) {
        Instant now = clock.instant();
        count(accounts, key(email), now);
        count(ips, ip, now);
    }

    public void succeeded(String email) {
        String key = key(email);
        if (key != null) {
            accounts.remove(key);
        }
    }

    private long waitSeconds(Map<String, Window> map, String key, int limit, Instant now) {
        Window w = key == null ? null : map.get(key);
        if (w == null || w.failures() < limit) {
            return 0;
        }
        Instant closes = w.opened().plus(window);
        if (!now.isBefore(closes)) {
            return 0;
        }
        long millis = Duration.between(now, closes).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void count(Map<String, Window> map, String key, Instant now) {
        if (key == null) {
            return;
        }
        if (map.size() >= maxKeys && !map.containsKey(key)) {
            map.values().removeIf(w -> !now.isBefore(w.opened().plus(window)));
            if (map.size() >= maxKeys) {
                return;
            }
        }
        map.compute(key, (k, w) -> w == null || !now.isBefore(w.opened().plus(window))
                ? new Window(1, now) : new Window(w.failures() + 1, w.opened()));
    }

    private static String key(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
