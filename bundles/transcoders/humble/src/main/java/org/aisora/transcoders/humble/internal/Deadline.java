package org.aisora.transcoders.humble.internal;

import java.time.Duration;
import org.aisora.api.transcode.TranscodeException;

/**
 * The wall-clock bound of one call. FFmpeg 2.8 offers no decode-time limit of its own, so every packet
 * loop asks {@link #check()} and gives up between two packets once the budget is spent.
 */
final class Deadline {
    private final long startNanos;
    private final long budgetNanos;

    private Deadline(long startNanos, long budgetNanos) {
        this.startNanos = startNanos;
        this.budgetNanos = budgetNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime(), Math.max(0, budget.toNanos()));
    }

    void check() throws TranscodeException {
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed > budgetNanos) {
            throw new TranscodeException(Failure.DECODE_TIMEOUT, "gave up after " + Duration.ofNanos(elapsed).toMillis()
                    + " ms; the limit is " + Duration.ofNanos(budgetNanos).toMillis() + " ms (max_decode_seconds)");
        }
    }
}
