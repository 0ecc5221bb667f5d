package org.aisora.core.internal.generation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The job engine's scheduler: the scan (which is also the recovery after a start), the lease heartbeat every
 * third of the lease, and the retries of jobs waiting for a provider. Both periods can change while it runs.
 */
final class EngineSchedule {
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(threads("aisora-job-scan-"));
    private final Runnable scan;
    private final Runnable heartbeat;
    private ScheduledFuture<?> scanning;
    private ScheduledFuture<?> beating;
    private long scanMs;
    private long beatMs;
    private volatile long retryMs = 500;

    EngineSchedule(Runnable scan, Runnable heartbeat) {
        this.scan = scan;
        this.heartbeat = heartbeat;
    }

    /** (Re)plans the periodic work; a period that did not change keeps its rhythm. */
    synchronized void plan(long scanIntervalMs, Duration lease) {
        long beat = Math.max(1000, lease.toMillis() / 3);
        retryMs = scanIntervalMs;
        try {
            if (scanning == null || scanIntervalMs != scanMs) {
                if (scanning != null) {
                    scanning.cancel(false);
                }
                scanMs = scanIntervalMs;
                scanning = scheduler.scheduleWithFixedDelay(scan, 0, scanMs, TimeUnit.MILLISECONDS);
            }
            if (beating == null || beat != beatMs) {
                if (beating != null) {
                    beating.cancel(false);
                }
                beatMs = beat;
                beating = scheduler.scheduleWithFixedDelay(heartbeat, beatMs, beatMs, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: nothing to plan
        }
    }

    void execute(Runnable task) {
        scheduler.execute(task);
    }

    /** @return false when the scheduler is stopping and the task will not run */
    boolean later(Runnable task) {
        try {
            scheduler.schedule(task, retryMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The heartbeat goes on (the running jobs keep their leases while they drain); no new work is taken. */
    synchronized void stopScanning() {
        if (scanning != null) {
            scanning.cancel(false);
        }
    }

    void shutdown() {
        scheduler.shutdownNow();
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
