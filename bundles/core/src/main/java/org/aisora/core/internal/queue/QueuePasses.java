package org.aisora.core.internal.queue;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.slf4j.Logger;

/**
 * A leased queue's passes on the core scheduler, on a lane of their own with one thread: each pass runs
 * batches until one comes back short (a full batch: more may be due). A pass that fails is logged; the next
 * resumes it.
 */
public final class QueuePasses {
    /** The scheduled passes and their lane; null when not scheduled (tests, or interval 0). */
    private final Lane lane;
    private final CoreScheduler.Periodic passes;

    /**
     * @param scheduler null for tests that drive the queue themselves: nothing is scheduled
     * @param noun      what a row is called, e.g. "vendor deletion": names the pass and its log lines
     * @param runOnce   one batch; @return rows claimed
     */
    public QueuePasses(CoreScheduler scheduler, long intervalSeconds, String laneName, String noun, int batch,
                       IntSupplier runOnce, Logger log) {
        if (scheduler != null && intervalSeconds > 0) {
            Duration every = Duration.ofSeconds(intervalSeconds);
            this.lane = scheduler.lane(laneName, 1, 1);
            this.passes = scheduler.every(lane, noun + " pass", every, every, () -> scan(noun, batch, runOnce, log));
        } else {
            this.lane = null;
            this.passes = null;
        }
    }

    public void stop() {
        if (lane != null) {
            passes.cancel();
            lane.shutdownNow();
        }
    }

    private static void scan(String noun, int batch, IntSupplier runOnce, Logger log) {
        try {
            while (runOnce.getAsInt() == batch) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("{} pass failed, the next one resumes it: {}", noun, e.toString());
        }
    }
}
