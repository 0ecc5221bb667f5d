package org.aisora.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.aisora.api.error.RateLimitedException;

/**
 * Sign-ups per client address and per node, each in a fixed window that opens at its first sign-up.
 * Checked before anything is looked up or hashed: every attempt counts, valid or not, since a refused
 * one costs almost nothing and an accepted one costs an Argon2 hash and a credit grant. An attempt
 * refused by the node-wide limit is not held against its address.
 * <p>
 * Memory stays bounded: at {@code maxKeys} addresses closed windows are swept, and if it is still full
 * an address is not tracked (the node-wide limit still holds it). Callers without an address (console,
 * internal) only count against the node-wide limit.
 */
public final class SignupLimiter {
    public static final String CODE = "signup_rate_limited";

    private record Window(int count, Instant opened) {
    }

    private final Clock clock;
    private final int perAddress;
    private final Duration addressWindow;
    private final int global;
    private final Duration globalWindow;
    private final int maxKeys;
    private Instant sweptAt;
    private final Map<String, Window> addresses = new HashMap<>();
    private Window node;

    public SignupLimiter(Clock clock, int perAddress, Duration addressWindow, int global, Duration globalWindow,
                         int maxKeys) {
        if (perAddress < 1 || global < 1 || maxKeys < 1 || addressWindow.isNegative() || addressWindow.isZero()
                || globalWindow.isNegative() || globalWindow.isZero()) {
            throw new IllegalArgumentException("sign-up limits need counts >= 1 and positive windows");
        }
        this.clock = clock;
        this.perAddress = perAddress;
        this.addressWindow = addressWindow;
        this.global = global;
        this.globalWindow = globalWindow;
        this.maxKeys = maxKeys;
    }

    /** @throws RateLimitedException {@value #CODE} with the seconds until the window that refused closes */
    public synchronized void acquire(String address) {
        Instant now = clock.instant();
        Window mine = address == null ? null : open(addresses.get(address), addressWindow, now);
        if (mine != null && mine.count() >= perAddress) {
            throw refused(mine.opened().plus(addressWindow), now);
        }
        Window all = open(node, globalWindow, now);
        if (all != null && all.count() >= global) {
            throw refused(all.opened().plus(globalWindow), now);
        }
        node = all == null ? new Window(1, now) : new Window(all.count() + 1, all.opened());
        if (address != null && (mine != null || room(now))) {
            addresses.put(address, mine == null ? new Window(1, now) : new Window(mine.count() + 1, mine.opened()));
        }
    }

    synchronized int trackedAddresses() {
        return addresses.size();
    }

    private static Window open(Window w, Duration window, Instant now) {
        return w == null || !now.isBefore(w.opened().plus(window)) ? null : w;
    }

    private boolean room(Instant now) {
        // swept at most once a second, so a flood of new addresses does not pay a full scan each
        if (addresses.size() >= maxKeys && (sweptAt == null || !now.isBefore(sweptAt.plusSeconds(1)))) {
            sweptAt = now;
            addresses.values().removeIf(w -> open(w, addressWindow, now) == null);
        }
        return addresses.size() < maxKeys;
    }

    private static RateLimitedException refused(Instant closes, Instant now) {
        long seconds = (Duration.between(now, closes).toMillis() + 999) / 1000;
        return new RateLimitedException(CODE, "too many sign-ups; try again in " + seconds + " s", seconds);
    }
}
