package org.aisora.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.error.ServiceBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate with real threads whose work blocks on a latch, so "at once" is exact, not a timing. */
class HashingGateTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private String blockingWork() {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        return "hashed";
    }

    private List<Future<String>> flood(HashingGate gate, int calls, java.util.function.IntFunction<String> address) {
        List<Future<String>> calls16 = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String from = address.apply(i);
            calls16.add(pool.submit(() -> gate.run(from, this::blockingWork)));
        }
        return calls16;
    }

    /** Waits for the calls refused busy (they finish on their own), and checks what they carry. */
    private int busy(List<Future<String>> calls, int expected) throws Exception {
        int refused = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (refused < expected && System.nanoTime() < deadline) {
            refused = 0;
            for (Future<String> f : calls) {
                if (f.isDone()) {
                    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
                    ServiceBusyException busy = (ServiceBusyException) e.getCause();
                    assertEquals("busy", busy.code());
                    assertTrue(busy.retryAfterSeconds() >= 1);
                    refused++;
                }
            }
            Thread.sleep(10);
        }
        return refused;
    }

    /** The slot holders have started their work (they took their slots before anyone was refused). */
    private int runningOnceStarted(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return running.get();
    }

    @Test
    void neverMoreThanThePermitsRunAndTheExcessIsAnsweredBusy() throws Exception {
        HashingGate gate = new HashingGate(2, Duration.ofMillis(200), 2);
        List<Future<String>> calls = flood(gate, 16, i -> "198.51.100." + i);
        assertEquals(14, busy(calls, 14));
        assertEquals(2, runningOnceStarted(2));
        assertEquals(2, most.get(), "never more than two at once");
        release.countDown();
        int hashed = 0;
        for (Future<String> f : calls) {
            try {
                assertEquals("hashed", f.get(30, TimeUnit.SECONDS));
                hashed++;
            } catch (ExecutionException refused) {
                assertTrue(refused.getCause() instanceof ServiceBusyException);
            }
        }
        assertEquals(2, hashed);
        assertEquals(0, gate.inUse(), "every slot was given back");
    }

    @Test
    void oneAddressTakesAtMostHalfTheSlotsSoAnotherStillGetsOne() throws Exception {
        HashingGate gate = new HashingGate(2, Duration.ofMillis(200), 1);
        List<Future<String>> calls = flood(gate, 16, i -> "203.0.113.9");
        assertEquals(15, busy(calls, 15));
        assertEquals(1, runningOnceStarted(1), "the flood holds one slot of two");
        assertEquals("other", gate.run("192.0.2.1", () -> "other"), "another address is served at once");
        assertEquals(1, most.get());
    }

    @Test
    void aCallerWaitsForASlotThatFreesInTime() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMinutes(5), 1);
        Future<String> first = pool.submit(() -> gate.run("192.0.2.1", this::blockingWork));
        while (running.get() == 0) {
            Thread.sleep(5);
        }
        Future<String> second = pool.submit(() -> gate.run("192.0.2.2", () -> "second"));
        release.countDown();
        assertEquals("hashed", first.get(30, TimeUnit.SECONDS));
        assertEquals("second", second.get(30, TimeUnit.SECONDS), "it waited instead of being refused");
    }

    @Test
    void permitsAreSizedFromTheHeapAndBoundedByTheCores() {
        assertEquals(4, HashingGate.permitsFor(320L << 20, 2), "a 320 MiB heap: 80 MiB for 4 hashes");
        assertEquals(1, HashingGate.permitsFor(64L << 20, 8), "at least one");
        assertEquals(4, HashingGate.permitsFor(16L << 30, 2), "at most two per core");
        assertEquals(3, HashingGate.permitsFor(256L << 20, 16));
    }
}
