package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.aisora.api.error.RateLimitedException;
import org.aisora.core.internal.MutableClock;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The windows counted in a real (H2) database. */
class SignupLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final TestStores db = TestStores.h2();

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void anAddressGetsFivePerHourAndTheNodeSixtyPerMinute() {
        SignupLimiter limits = new SignupLimiter(clock, 5, Duration.ofHours(1), 6, Duration.ofMinutes(1), 100,
                db.counters());
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
    void twoLimitersOnOneDatabaseShareTheirWindows() {
        SignupLimiter a = new SignupLimiter(clock, 1, Duration.ofHours(1), 3, Duration.ofMinutes(1), 2, db.counters());
        SignupLimiter b = new SignupLimiter(clock, 1, Duration.ofHours(1), 3, Duration.ofMinutes(1), 2, db.counters());
        a.acquire("a");
        assertThrows(RateLimitedException.class, () -> b.acquire("a"), "the address's one was used on the other");
        b.acquire("b");
        a.acquire(null);
        assertEquals(60, assertThrows(RateLimitedException.class, () -> b.acquire("c")).retryAfterSeconds(),
                "three platform-wide, counted on both");
        clock.advance(Duration.ofHours(1));
        assertEquals(3, db.counters().deleteExpired(clock.instant(), 100), "closed windows are deleted");
        assertDoesNotThrow(() -> b.acquire("a"));
    }
}
