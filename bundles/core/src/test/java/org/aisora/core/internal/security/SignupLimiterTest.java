package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.aisora.api.error.RateLimitedException;
import org.aisora.core.internal.MutableClock;
import org.junit.jupiter.api.Test;

class SignupLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

    @Test
    void anAddressGetsFivePerHourAndTheNodeSixtyPerMinute() {
        SignupLimiter limits = new SignupLimiter(clock, 5, Duration.ofHours(1), 6, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 5; i++) {
            limits.acquire("192.0.2.1");
        }
        clock.advance(Duration.ofMinutes(10));
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limits.acquire("192.0.2.1"));
        assertEquals(SignupLimiter.CODE, refused.code());
        assertEquals(50 * 60, refused.retryAfterSeconds());
        limits.acquire("192.0.2.2");
        for (int i = 0; i < 5; i++) {
            limits.acquire("198.51.100." + i);
        }
        assertEquals(60, assertThrows(RateLimitedException.class, () -> limits.acquire("198.51.100.99"))
                .retryAfterSeconds(), "six in this minute, from six addresses");
        clock.advance(Duration.ofMinutes(1));
        assertDoesNotThrow(() -> limits.acquire("198.51.100.99"), "the refusal by the node did not count against it");
        clock.advance(Duration.ofMinutes(49));
        assertDoesNotThrow(() -> limits.acquire("192.0.2.1"), "its hour has passed");
    }

    @Test
    void memoryIsBoundedAndTheNodeLimitStillHoldsUntrackedAddresses() {
        SignupLimiter limits = new SignupLimiter(clock, 1, Duration.ofHours(1), 4, Duration.ofMinutes(1), 2);
        limits.acquire("a");
        limits.acquire("b");
        limits.acquire("c"); // full: c is not tracked
        assertEquals(2, limits.trackedAddresses());
        assertDoesNotThrow(() -> limits.acquire("c"));
        assertThrows(RateLimitedException.class, () -> limits.acquire("d"), "the node's four are used");
        clock.advance(Duration.ofHours(1));
        limits.acquire("e");
        assertEquals(1, limits.trackedAddresses(), "closed windows were swept");
        assertThrows(RateLimitedException.class, () -> limits.acquire("e"));
    }
}
