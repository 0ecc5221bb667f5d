package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aisora.api.error.RateLimitedException;
import org.aisora.core.internal.MutableClock;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delay rules with a clock the test moves (nothing sleeps), counted in a real (H2) database. */
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final TestStores db = TestStores.h2();
    private final LoginThrottle throttle = throttle(LoginThrottle.DEFAULT_MAX_KEYS);

    private LoginThrottle throttle(int maxKeys) {
        return new LoginThrottle(clock, new LoginThrottle.Limits(5, Duration.ofSeconds(900), 20,
                Duration.ofSeconds(10), Duration.ofMinutes(15), maxKeys), db.counters());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private long refusedFor(String email, boolean exists, String ip) {
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> throttle.begin(email, exists, ip));
        assertEquals(LoginThrottle.CODE, e.code());
        return e.retryAfterSeconds();
    }

    @Test
    void anAccountsDelaysDoubleAfterFiveFreeFailuresUpToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("a@example.com", true, "192.0.2.1"); // a failure needs no settling
        }
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long wait = refusedFor("A@Example.com ", true, "198.51.100." + i);
            delays.add(wait);
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertEquals(1, refusedFor("a@example.com", true, null), "a millisecond early is still early");
            clock.advance(Duration.ofMillis(1));
            throttle.begin("a@example.com", true, "192.0.2.1");
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L), delays);
    }

    @Test
    void aSuccessClearsTheAccountAndTakesBackTheAddressCount() {
        for (int i = 0; i < 5; i++) {
            throttle.begin("b@example.com", true, "192.0.2.9");
        }
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded(throttle.begin("b@example.com", true, "192.0.2.9"));
        for (int i = 0; i < 5; i++) {
            throttle.begin("b@example.com", true, "192.0.2.9");
        }
        assertEquals(1, refusedFor("b@example.com", true, "192.0.2.9"), "five free failures again after the success");
        for (int i = 0; i < 9; i++) {
            throttle.begin("other" + i + "@example.com", false, "192.0.2.9");
        }
        assertDoesNotThrow(() -> throttle.begin("new@example.com", false, "192.0.2.9"),
                "5 + 5 + 9 = 19 failures from the address, plus this one: the success was taken back");
        assertEquals(1, refusedFor("fresh@example.com", false, "192.0.2.9"), "the twentieth counted");
    }

    @Test
    void anAbusedAddressDelaysUnknownAndFailingAccountsShortlyButNotCleanOnes() {
        List<Long> waits = new ArrayList<>();
        throttle.begin("victim@example.com", true, "203.0.113.5");
        for (int failures = 1; failures < 64; ) {
            try {
                throttle.begin("nobody" + failures + "@example.com", false, "203.0.113.5");
                failures++;
            } catch (RateLimitedException e) {
                waits.add(e.retryAfterSeconds());
                clock.advance(Duration.ofSeconds(e.retryAfterSeconds()));
            }
        }
        assertEquals(List.of(1L, 2L, 4L, 8L), waits.subList(0, 4));
        assertEquals(10L, waits.get(waits.size() - 1), "capped short");
        assertEquals(10, refusedFor("unknown@example.com", false, "203.0.113.5"));
        assertEquals(10, refusedFor("victim@example.com", true, "203.0.113.5"), "it has a failure of its own");
        assertDoesNotThrow(() -> throttle.succeeded(throttle.begin("clean@example.com", true, "203.0.113.5")),
                "an account without failures is not held back by its address");
        assertDoesNotThrow(() -> throttle.begin("unknown@example.com", false, "203.0.113.6"), "another address");
    }

    @Test
    void anAbandonedAttemptIsNotHeldAgainstAnyone() {
        for (int i = 0; i < 20; i++) {
            throttle.abandoned(throttle.begin("c@example.com", true, "192.0.2.3"));
        }
        assertDoesNotThrow(() -> throttle.begin("c@example.com", true, "192.0.2.3"));
    }

    @Test
    void failuresAreForgottenAWindowAfterTheLatestDelay() {
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(2));
            throttle.begin("d@example.com", true, null);
        }
        clock.advance(Duration.ofSeconds(2).plus(Duration.ofMinutes(15)).minusMillis(1));
        throttle.begin("d@example.com", true, null); // the 2 s delay has passed: allowed, and counted
        clock.advance(Duration.ofSeconds(4).plus(Duration.ofMinutes(15)));
        for (int i = 0; i < 5; i++) {
            throttle.begin("d@example.com", true, null);
        }
        assertEquals(1, refusedFor("d@example.com", true, null), "a new count: five free, then 1 s");
    }

    @Test
    void parallelAttemptsAreCountedBeforeAnyIsSettled() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> passed = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                String ip = "198.51.100." + i;
                passed.add(pool.submit(() -> {
                    go.await();
                    try {
                        throttle.begin("e@example.com", true, ip);
                        return true;
                    } catch (RateLimitedException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int through = 0;
            for (Future<Boolean> f : passed) {
                through += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(5, through, "the five free attempts, none more, though none has been settled");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rowsHoldDigestsAndForgottenOnesAreDeleted() {
        throttle.begin("x@example.com", true, "192.0.2.1");
        throttle.begin("y@example.com", true, "192.0.2.1");
        assertEquals(3, db.queryLong("SELECT COUNT(*) FROM counters"), "two accounts, one address");
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM counters WHERE counter_key LIKE '%example%'"
                + " OR counter_key LIKE '%192.0.2%'"), "no e-mail or address in a key");
        clock.advance(Duration.ofMinutes(16));
        assertEquals(3, db.counters().deleteExpired(clock.instant(), 100));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM counters"));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Limits(-1, Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1), Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Limits(1, Duration.ofSeconds(1), 1,
                Duration.ofSeconds(1), Duration.ZERO, 1));
    }
}
