package org.aisora.core.internal.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread of the core, in one place. Two timer threads fire the periodic and delayed work of every
 * component; a firing only hands work over, so a slow sweep never holds up a lease heartbeat. Work that
 * takes long runs on a named, bounded {@link Lane} (jobs, media, mail, retention, vendor deletions) that the
 * scheduler creates, counts for {@code /metrics} and shuts down when it stops. Periodic work never overlaps
 * itself, and a task that throws is logged and runs again at its next period instead of silently stopping.
 */
@Component(service = CoreScheduler.class)
public final class CoreScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoreScheduler.class);
    static final int TIMER_THREADS = 2;

    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public CoreScheduler() {
        timers = new ScheduledThreadPoolExecutor(TIMER_THREADS, threads("aisora-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs {@code task} on a timer thread every {@code period} after {@code initial}, never overlapping itself.
     * Only for short work (a few queries): anything longer goes through {@link #every(Lane, String, Duration,
     * Duration, Runnable)}.
     */
    public Periodic every(String name, Duration initial, Duration period, Runnable task) {
        return schedule(name, initial, period, guarded(name, task));
    }

    /**
     * Fires on a timer every {@code period} and runs {@code task} on {@code lane}; a run still going skips the
     * firing. A run that throws an {@link Error} (the JVM is in trouble) ends the schedule, as it would end a
     * {@link java.util.concurrent.ScheduledExecutorService}'s: nothing more runs until its owner starts again.
     */
    public Periodic every(Lane lane, String name, Duration initial, Duration period, Runnable task) {
        AtomicBoolean running = new AtomicBoolean();
        AtomicReference<Periodic> self = new AtomicReference<>();
        Runnable body = guarded(name, task);
        Periodic periodic = schedule(name, initial, period, () -> {
            if (running.compareAndSet(false, true)) {
                try {
                    lane.execute(() -> {
                        try {
                            body.run();
                        } catch (Error e) {
                            Periodic p = self.get();
                            if (p != null) {
                                p.cancel();
                            }
                            LOG.error("{} ended with {}; it is not scheduled again", name, e.toString());
                            throw e;
                        } finally {
                            running.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    running.set(false); // the lane is full or stopping: the next firing tries again
                }
            }
        });
        self.set(periodic);
        return periodic;
    }

    /** Runs {@code task} once on a timer thread after {@code delay}. @return false when stopping (it will not run) */
    public boolean after(String name, Duration delay, Runnable task) {
        try {
            timers.schedule(guarded(name, task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * A bounded pool for one kind of work, named {@code aisora-<name>-N}. One lane per name: a component that
     * restarts closes its lane first ({@link Lane#shutdown()}), then asks for a new one.
     */
    public Lane lane(String name, int threads, int queue) {
        Lane lane = new Lane(name, threads, queue, threads("aisora-" + name + "-"),
                closed -> lanes.remove(name, closed));
        Lane previous = lanes.put(name, lane);
        if (previous != null && !previous.isShutdown()) {
            LOG.warn("lane {} replaced while its previous pool still ran; the previous one is stopped", name);
            previous.shutdownNow();
        }
        return lane;
    }

    /** What each lane is doing, for metrics and the console. */
    public List<Lane.Stats> lanes() {
        return lanes.values().stream().map(Lane::stats).sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Stops the timers and any lane its owner did not close; nothing new starts afterwards. */
    @Deactivate
    @Override
    public void close() {
        timers.shutdownNow();
        lanes.values().forEach(Lane::shutdownNow);
        lanes.clear();
    }

    private Periodic schedule(String name, Duration initial, Duration period, Runnable body) {
        try {
            ScheduledFuture<?> f = timers.scheduleWithFixedDelay(body, Math.max(0, initial.toMillis()),
                    Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
            return new Periodic(name, period, f);
        } catch (RejectedExecutionException e) {
            return new Periodic(name, period, null);
        }
    }

    /** A periodic task that must go on: what it throws is logged, not allowed to end the schedule. */
    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed, runs again at its next turn: {}", name, e.toString());
            }
        };
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A handle on periodic work. */
    public static final class Periodic {
        private final String name;
        private final Duration period;
        private final ScheduledFuture<?> future;

        Periodic(String name, Duration period, ScheduledFuture<?> future) {
            this.name = name;
            this.period = period;
            this.future = future;
        }

        public String name() {
            return name;
        }

        public Duration period() {
            return period;
        }

        /** Stops further runs; a run under way finishes. */
        public void cancel() {
            if (future != null) {
                future.cancel(false);
            }
        }

        public boolean active() {
            return future != null && !future.isDone();
        }
    }
}
