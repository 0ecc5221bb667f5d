package org.aisora.core.internal.limits;

import org.aisora.api.error.RateLimitedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyCapTest {
    private static final Plan FREE = PlanCatalog.defaults().free(); // 2 jobs at once

    private final ConcurrencyCap cap = new ConcurrencyCap(3, Duration.ofSeconds(10));
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void sixteenThreadsOfOneAccountNeverGetMoreThanTwoJobsAtOnce() throws Exception {
        AtomicInteger active = new AtomicInteger(); // the database's queued + running count
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    try {
                        cap.withSlot("alice", FREE, () -> {
                            int seen = active.get();
                            sleep(1); // a database round trip: the window a check-then-insert race needs
                            return seen;
                        }, () -> peak.accumulateAndGet(active.incrementAndGet(), Math::max));
                        admitted.incrementAndGet();
                        sleep(2); // the job runs, then leaves the queued + running count
                        active.decrementAndGet();
                    } catch (RateLimitedException e) {
                        assertEquals("too_many_concurrent_jobs", e.code());
                        assertEquals(3, e.retryAfterSeconds());
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : threads) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(2, peak.get(), "the most jobs the account ever had at once");
        assertEquals(16 * 40, admitted.get() + refused.get());
        assertTrue(admitted.get() >= 2 && refused.get() > 0, admitted + " admitted, " + refused + " refused");
        assertEquals(0, cap.inFlight());
    }

    @Test
    void atTheMaximumTheJobIsNotEnqueued() {
        AtomicBoolean enqueued = new AtomicBoolean();
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> cap.withSlot("alice", FREE, () -> 2, () -> enqueued.getAndSet(true)));
        assertFalse(enqueued.get());
        assertEquals(429, e.kind().status());
        assertEquals("too_many_concurrent_jobs", e.code());
        assertEquals("queued", cap.withSlot("alice", FREE, () -> 1, () -> "queued"));
    }

    @Test
    void aFailingEnqueueReleasesTheAccount() {
        assertThrows(IllegalStateException.class, () -> cap.withSlot("alice", FREE, () -> 0, () -> {
            throw new IllegalStateException("database down");
        }));
        assertEquals(0, cap.inFlight());
        assertEquals("queued", cap.withSlot("alice", FREE, () -> 0, () -> "queued"));
    }

    @Test
    void anotherAccountDoesNotWaitAndTheSameAccountGives429AfterTheLockWait() throws Exception {
        ConcurrencyCap quick = new ConcurrencyCap(3, Duration.ofMillis(100));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> slow = pool.submit(() -> quick.withSlot("alice", FREE, () -> 0, () -> {
            inside.countDown();
            await(release);
            return "alice";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        assertEquals("bob", quick.withSlot("bob", FREE, () -> 0, () -> "bob"));
        long began = System.nanoTime();
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> quick.withSlot("alice", FREE, () -> 0, () -> "second"));
        assertTrue(System.nanoTime() - began >= TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals("too_many_concurrent_jobs", e.code());
        release.countDown();
        assertEquals("alice", slow.get(10, TimeUnit.SECONDS));
        assertEquals(0, quick.inFlight());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
