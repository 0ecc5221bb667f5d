package org.aisora.core.internal.generation;

import java.time.Duration;
import org.aisora.core.internal.schedule.CoreScheduler;

/**
 * The job engine's periodic work on the core scheduler: the scan (which is also the recovery after a start),
 * the lease heartbeat every third of the lease, and the retries of jobs waiting for a provider. Both periods
 * can change while it runs.
 */
final class EngineSchedule {
    private final CoreScheduler scheduler;
    private final Runnable scan;
    private final Runnable heartbeat;
    private CoreScheduler.Periodic scanning;
    private CoreScheduler.Periodic beating;
    private volatile long retryMs = 500;
    private volatile boolean stopped;

    EngineSchedule(CoreScheduler scheduler, Runnable scan, Runnable heartbeat) {
        this.scheduler = scheduler;
        this.scan = scan;
        this.heartbeat = heartbeat;
    }

    /** (Re)plans the periodic work; a period that did not change keeps its rhythm. */
    synchronized void plan(long scanIntervalMs, Duration lease) {
        if (stopped) {
            return;
        }
        Duration beat = Duration.ofMillis(Math.max(1000, lease.toMillis() / 3));
        Duration scanEvery = Duration.ofMillis(scanIntervalMs);
        retryMs = scanIntervalMs;
        if (scanning == null || !scanning.period().equals(scanEvery)) {
            if (scanning != null) {
                scanning.cancel();
            }
            scanning = scheduler.every("job scan", Duration.ZERO, scanEvery, scan);
        }
        if (beating == null || !beating.period().equals(beat)) {
            if (beating != null) {
                beating.cancel();
            }
            beating = scheduler.every("job lease heartbeat", beat, beat, heartbeat);
        }
    }

    void execute(String name, Runnable task) {
        scheduler.after(name, Duration.ZERO, task);
    }

    /** @return false when the scheduler is stopping and the task will not run */
    boolean later(Runnable task) {
        return !stopped && scheduler.after("job retry", Duration.ofMillis(retryMs), task);
    }

    /** The heartbeat goes on (the running jobs keep their leases while they drain); no new work is taken. */
    synchronized void stopScanning() {
        if (scanning != null) {
            scanning.cancel();
        }
    }

    synchronized void shutdown() {
        stopped = true;
        stopScanning();
        if (beating != null) {
            beating.cancel();
        }
    }
}
