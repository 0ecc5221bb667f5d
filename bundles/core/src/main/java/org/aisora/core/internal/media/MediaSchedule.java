package org.aisora.core.internal.media;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The video processor's threads, kept apart from what it does so they can move onto a shared core scheduler: the
 * workers that transcode, the periodic scan for unclaimed videos, and the lease heartbeat every third of the
 * lease. The worker count and both periods change while it runs; a running transcode is never touched by that.
 */
final class MediaSchedule {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("aisora-media-scan-"));
    // unbounded: one task is submitted per queued video, so the fair queue bounds it
    private final ThreadPoolExecutor workers;
    private final Runnable scan;
    private final Runnable heartbeat;
    private ScheduledFuture<?> scanning;
    private ScheduledFuture<?> beating;
    private long scanMs;
    private long beatMs;

    MediaSchedule(int workerCount, Runnable scan, Runnable heartbeat) {
        int size = Math.max(1, workerCount);
        this.workers = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads("aisora-media-"));
        this.scan = scan;
        this.heartbeat = heartbeat;
    }

    /** (Re)plans the scan and the heartbeat; a period that did not change keeps its rhythm. The first scan is now. */
    synchronized void plan(long scanIntervalMs, Duration lease) {
        long beat = Math.max(1000, lease.toMillis() / 3);
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
        return workers.getMaximumPoolSize() - workers.getActiveCount() + self;
    }

    /** A new worker count: more start at once, fewer as running transcodes end (none is interrupted). */
    void workers(int count) {
        int size = Math.max(1, count);
        if (size > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(size);
            workers.setCorePoolSize(size);
        } else {
            workers.setCorePoolSize(size);
            workers.setMaximumPoolSize(size);
        }
    }

    /** No new work is looked for; the heartbeat goes on, so running transcodes keep their leases while they drain. */
    synchronized void stopScanning() {
        if (scanning != null) {
            scanning.cancel(false);
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

    /** Stops every thread; waits briefly for a scan in flight, so nothing is claimed after the claims are given back. */
    void shutdown() throws InterruptedException {
        workers.shutdownNow();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
