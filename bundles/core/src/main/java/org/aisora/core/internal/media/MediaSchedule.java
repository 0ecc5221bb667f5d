package org.aisora.core.internal.media;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;

/**
 * The video processor's work on the core scheduler: the {@code media} lane whose workers transcode, the periodic
 * scan for unclaimed videos, and the lease heartbeat every third of the lease. The worker count and both periods
 * change while it runs; a running transcode is never touched by that.
 */
final class MediaSchedule {
    /**
     * One task waits in the lane per queued video, and the fair queue bounds those; this only has to be larger
     * than any queue capacity an operator sets.
     */
    static final int LANE_QUEUE = 4096;

    private final CoreScheduler scheduler;
    private final Lane workers;
    private final Runnable scan;
    private final Runnable heartbeat;
    private CoreScheduler.Periodic scanning;
    private CoreScheduler.Periodic beating;
    private boolean stopped;
    /** Held by a scan while it runs: {@link #shutdown()} takes it, so no scan claims after the claims are given back. */
    private final Object scanLock = new Object();
    private boolean scansOver;

    MediaSchedule(CoreScheduler scheduler, int workerCount, Runnable scan, Runnable heartbeat) {
        this.scheduler = scheduler;
        this.workers = scheduler.lane("media", workerCount, LANE_QUEUE);
        this.scan = () -> {
            synchronized (scanLock) {
                if (!scansOver) {
                    scan.run();
                }
            }
        };
        this.heartbeat = heartbeat;
    }

    /** (Re)plans the scan and the heartbeat; a period that did not change keeps its rhythm. The first scan is now. */
    synchronized void plan(long scanIntervalMs, Duration lease) {
        if (stopped) {
            return;
        }
        Duration beat = Duration.ofMillis(Math.max(1000, lease.toMillis() / 3));
        Duration every = Duration.ofMillis(scanIntervalMs);
        if (scanning == null || !scanning.period().equals(every)) {
            if (scanning != null) {
                scanning.cancel();
            }
            scanning = scheduler.every("video scan", Duration.ZERO, every, scan);
        }
        if (beating == null || !beating.period().equals(beat)) {
            if (beating != null) {
                beating.cancel();
            }
            beating = scheduler.every("video lease heartbeat", beat, beat, heartbeat);
        }
    }

    /** Runs on a worker. @return false when the workers are shutting down and the task will not run */
    boolean work(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Workers not busy now; {@code self} is 1 when asked from a worker that is about to be free. */
    int idle(int self) {
        return workers.size() - workers.active() + self;
    }

    /** A new worker count: more start at once, fewer as running transcodes end (none is interrupted). */
    void workers(int count) {
        workers.resize(count);
    }

    /** No new work is looked for; the heartbeat goes on, so running transcodes keep their leases while they drain. */
    synchronized void stopScanning() {
        if (scanning != null) {
            scanning.cancel();
        }
    }

    /** Lets the running transcodes finish for up to {@code seconds}. @return true when they all did */
    boolean drain(long seconds) throws InterruptedException {
        workers.shutdown();
        return workers.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** Interrupts what still runs and waits a little for it to let go. @return true when every worker ended */
    boolean breakOff() throws InterruptedException {
        workers.shutdownNow();
        return workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Stops the periodic work and the workers; waits for a scan in flight, so nothing is claimed afterwards. */
    void shutdown() {
        synchronized (this) {
            stopped = true;
            stopScanning();
            if (beating != null) {
                beating.cancel();
            }
        }
        workers.shutdownNow();
        synchronized (scanLock) {
            scansOver = true;
        }
    }
}
