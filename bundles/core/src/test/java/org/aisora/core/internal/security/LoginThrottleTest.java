package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.aisora.api.error.RateLimitedException;
import org.aisora.core.internal.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15));

    @Test
    void theSixthAttemptOnAnAccountIsRefusedUntilTheWindowCloses() {
        for (int i = 0; i < 5; i++) {
            throttle.check("a@example.com", "192.0.2.1");
            throttle.failed("a@example.com", "192.0.2.1");
            clock.advance(Duration.ofMinutes(1));
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> throttle.check("A@Example.com ", "198.51.100.2"), "the e-mail is throttled from any IP");
        assertEquals(LoginThrottle.CODE, refused.code());
        assertEquals(10 * 60, refused.retryAfterSeconds(), "the window opened at the first failure, 5 min ago");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals(1, assertThrows(RateLimitedException.class,
                () -> throttle.check("a@example.com", null)).retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        assertDoesNotThrow(() -> throttle.check("a@example.com", "192.0.2.1"));
    }

    @Test
    void aSuccessResetsTheAccountButNotTheIp() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("b@example.com", "192.0.2.9");
        }
        throttle.succeeded("B@example.com");
        for (int i = 0; i < 4; i++) {
            throttle.failed("b@example.com", "192.0.2.9");
        }
        assertDoesNotThrow(() -> throttle.check("b@example.com", "192.0.2.9"), "4 failures since the success");
        throttle.failed("b@example.com", "192.0.2.9");
        assertThrows(RateLimitedException.class, () -> throttle.check("b@example.com", "192.0.2.10"));
    }

    @Test
    void anIpSprayingManyAccountsIsRefusedForEveryAccount() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("victim" + i + "@example.com", "203.0.113.5");
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> throttle.check("fresh@example.com", "203.0.113.5"));
        assertEquals(15 * 60, refused.retryAfterSeconds());
        assertDoesNotThrow(() -> throttle.check("fresh@example.com", "203.0.113.6"), "another IP is not affected");
    }

    @Test
    void failuresInAnEarlierWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("c@example.com", null);
        }
        clock.advance(Duration.ofMinutes(15));
        throttle.failed("c@example.com", null);
        assertDoesNotThrow(() -> throttle.check("c@example.com", null), "a new window with one failure");
    }

    @Test
    void memoryIsBoundedAndTheOtherCounterStillApplies() {
        LoginThrottle small = new LoginThrottle(clock, 2, 3, Duration.ofMinutes(15), 2);
        small.failed("x@example.com", "192.0.2.1");
        small.failed("y@example.com", "192.0.2.1");
        small.failed("z@example.com", "192.0.2.1"); // the account map is full: z is not tracked, the IP is
        small.failed("z@example.com", "192.0.2.2");
        assertThrows(RateLimitedException.class, () -> small.check("z@example.com", "192.0.2.1"));
        assertDoesNotThrow(() -> small.check("z@example.com", "192.0.2.2"));
        clock.advance(Duration.ofMinutes(15));
        small.failed("z@example.com", "192.0.2.3");
        small.failed("z@example.com", "192.0.2.4");
        assertThrows(RateLimitedException.class, () -> small.check("z@example.com", "192.0.2.5"),
                "closed windows were swept, so z is tracked now");
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(clock, 0, 1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(clock, 1, 1, Duration.ZERO));
    }
}
