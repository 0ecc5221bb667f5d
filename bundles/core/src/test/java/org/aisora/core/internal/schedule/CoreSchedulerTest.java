package org.aisora.core.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoreSchedulerTest {
    private final CoreScheduler scheduler = new CoreScheduler();

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aPeriodicTaskThatThrowsRunsAgainAtItsNextTurn() throws InterruptedException {
        CountDownLatch thirdRun = new CountDownLatch(3);
        scheduler.every("failing", Duration.ZERO, Duration.ofMillis(5), () -> {
            thirdRun.countDown();
            throw new IllegalStateException("boom");
        });
        assertTrue(thirdRun.await(10, TimeUnit.SECONDS), "the schedule went on after the task threw");
    }

    @Test
    void workOnALaneNeverOverlapsItselfAndDoesNotHoldUpTheTimers() throws InterruptedException {
        Lane lane = scheduler.lane("sweep", 2, 4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        scheduler.every(lane, "slow sweep", Duration.ZERO, Duration.ofMillis(1), () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        });
        // while the sweep blocks its lane, a short timer task (a heartbeat) keeps its rhythm
        CountDownLatch beats = new CountDownLatch(20);
        scheduler.every("heartbeat", Duration.ZERO, Duration.ofMillis(2), beats::countDown);
        assertTrue(beats.await(10, TimeUnit.SECONDS), "the heartbeat ran while the sweep was blocked");
        assertEquals(1, runs.get(), "firings while the sweep ran were skipped, not queued");
        assertEquals(1, most.get());
        release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.get() < 3 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(runs.get() >= 3, "the sweep runs again once the previous run ended");
        assertEquals(1, most.get(), "never two runs at once, though the lane has two threads");
    }

    @Test
    void aRunThatThrowsAnErrorEndsItsSchedule() throws InterruptedException {
        Lane lane = scheduler.lane("mail", 1, 1);
        AtomicInteger runs = new AtomicInteger();
        CoreScheduler.Periodic periodic = scheduler.every(lane, "dying pass", Duration.ZERO, Duration.ofMillis(2),
                () -> {
                    runs.incrementAndGet();
                    throw new AssertionError("the process is gone");
                });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (periodic.active() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertFalse(periodic.active(), "the schedule ended");
        Thread.sleep(50);
        assertEquals(1, runs.get(), "nothing ran after the Error");
    }

    @Test
    void aFullLaneRefusesAndItsStateIsVisible() throws InterruptedException {
        Lane lane = scheduler.lane("job", 1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            started.countDown();
            await(release);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        lane.execute(() -> { });
        assertThrows(RejectedExecutionException.class, () -> lane.execute(() -> { }));
        assertEquals(List.of(new Lane.Stats("job", 1, 1, 1, 0)), scheduler.lanes());
        lane.resize(3);
        assertEquals(3, lane.size());
        release.countDown();
        lane.shutdown();
        assertTrue(lane.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(List.of(), scheduler.lanes(), "a closed lane is no longer listed");
    }

    @Test
    void aRestartedComponentGetsANewLaneUnderTheSameName() {
        Lane first = scheduler.lane("mail", 1, 1);
        first.shutdown();
        Lane second = scheduler.lane("mail", 1, 1);
        first.shutdown(); // closing the old one again must not unlist the new one
        assertEquals(List.of("mail"), scheduler.lanes().stream().map(Lane.Stats::name).toList());
        assertFalse(second.isShutdown());
    }

    @Test
    void closingStopsTimersAndLanesThatTheirOwnersLeftOpen() throws InterruptedException {
        Lane lane = scheduler.lane("media", 1, 1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        lane.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        scheduler.close();
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        assertTrue(lane.isShutdown());
        assertFalse(scheduler.after("late", Duration.ZERO, () -> { }), "nothing new starts after close");
        assertFalse(scheduler.every("late", Duration.ZERO, Duration.ofMillis(1), () -> { }).active());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
