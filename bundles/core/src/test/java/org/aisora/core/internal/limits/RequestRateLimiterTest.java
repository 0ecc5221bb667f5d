package org.aisora.core.internal.limits;

import java.time.Instant;
import org.aisora.core.internal.MutableClock;
import org.aisora.api.error.RateLimitedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aisora.api.error.AisoraException;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bucket arithmetic, counted in a real (H2) database. */
class RequestRateLimiterTest {
    private static final Plan FREE = PlanCatalog.defaults().free(); // 30 per minute: a token every 2 s
    private static final Plan PRO = PlanCatalog.defaults().find("pro").orElseThrow(); // 300: every 200 ms

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final TestStores db = TestStores.h2();
    private final RequestRateLimiter limiter = new RequestRateLimiter(clock, db.counters());

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aFullBucketAllowsTheWholeBurstThenRefusesWithTheExactWait() {
        assertEquals(30, allowed("alice", FREE, 100));
        assertEquals(OptionalLong.of(2), limiter.tryAcquire("alice", FREE));
    }

    @Test
    void tokensComeBackContinuously() {
        allowed("alice", FREE, 30);
        clock.advance(Duration.ofMillis(1999));
        assertEquals(OptionalLong.of(1), limiter.tryAcquire("alice", FREE)); // 1 ms short rounds up to 1 s
        clock.advance(Duration.ofMillis(1));
        assertEquals(OptionalLong.empty(), limiter.tryAcquire("alice", FREE));
        assertEquals(OptionalLong.of(2), limiter.tryAcquire("alice", FREE));
        clock.advance(Duration.ofSeconds(7)); // 3.5 tokens
        assertEquals(3, allowed("alice", FREE, 10));
        assertEquals(OptionalLong.of(1), limiter.tryAcquire("alice", FREE)); // half a token: 1 s more
    }

    @Test
    void retryAfterIsTheCeilingOfAnUnevenInterval() {
        Plan seven = new Plan("seven", 0, 1, 1, 7, 1, 1); // a token every 8.571 s
        assertEquals(7, allowed("bob", seven, 20));
        assertEquals(OptionalLong.of(9), limiter.tryAcquire("bob", seven));
        clock.advance(Duration.ofSeconds(8));
        assertEquals(OptionalLong.of(1), limiter.tryAcquire("bob", seven));
        clock.advance(Duration.ofMillis(571));
        assertEquals(OptionalLong.of(1), limiter.tryAcquire("bob", seven)); // 8.5714 s: still 0.43 ms short
        clock.advance(Duration.ofMillis(1));
        assertEquals(OptionalLong.empty(), limiter.tryAcquire("bob", seven));
    }

    @Test
    void refusedCallsTakeNothingAndIdleTimeNeverBanksMoreThanTheBucket() {
        allowed("alice", FREE, 30);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("alice", FREE);
        }
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, allowed("alice", FREE, 5));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(30, allowed("alice", FREE, 100));
    }

    @Test
    void accountsHaveTheirOwnBuckets() {
        allowed("alice", FREE, 30);
        assertEquals(30, allowed("bob", FREE, 100));
    }

    @Test
    void upgradingFromFreeToProRaisesTheLimitAtOnce() {
        allowed("alice", FREE, 30);
        assertTrue(limiter.tryAcquire("alice", FREE).isPresent());
        assertEquals(270, allowed("alice", PRO, 1000)); // what was used stays used: 30 of 300
        assertEquals(OptionalLong.of(1), limiter.tryAcquire("alice", PRO)); // 200 ms to the next token
    }

    @Test
    void downgradingKeepsWhatWasUsed() {
        allowed("alice", PRO, 10);
        assertEquals(20, allowed("alice", FREE, 100));
        assertEquals(OptionalLong.of(2), limiter.tryAcquire("alice", FREE));
    }

    @Test
    void exceptionCarriesCodeStatusAndRetryAfter() {
        allowed("alice", FREE, 30);
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> limiter.acquire("alice", FREE));
        assertEquals("rate_limited", e.code());
        assertEquals(AisoraException.Kind.RATE_LIMITED, e.kind());
        assertEquals(429, e.kind().status());
        assertEquals(2, e.retryAfterSeconds());
    }

    @Test
    void aBucketIdleForAMinuteIsFullAndItsRowIsForgotten() {
        allowed("alice", FREE, 30);
        limiter.tryAcquire("bob", FREE);
        clock.advance(Duration.ofSeconds(59));
        limiter.tryAcquire("alice", FREE);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, db.counters().deleteExpired(clock.instant(), 100), "bob's bucket: idle for a minute");
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM counters"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(30, allowed("alice", FREE, 100));
    }

    @Test
    void twoLimitersOnOneDatabaseShareTheBucket() {
        RequestRateLimiter other = new RequestRateLimiter(clock, db.counters());
        assertEquals(20, allowed("alice", FREE, 20));
        int more = 0;
        for (int i = 0; i < 20; i++) {
            more += other.tryAcquire("alice", FREE).isEmpty() ? 1 : 0;
        }
        assertEquals(10, more, "the other node sees the twenty taken");
    }

    @Test
    void concurrentCallersShareOneBucketExactly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> allowed("alice", PRO, 100));
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertEquals(300, total);
        } finally {
            pool.shutdownNow();
        }
    }

    private int allowed(String account, Plan plan, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(account, plan).isEmpty()) {
                ok++;
            }
        }
        return ok;
    }
}
