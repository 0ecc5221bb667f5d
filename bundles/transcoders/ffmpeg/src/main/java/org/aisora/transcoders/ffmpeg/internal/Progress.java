package org.aisora.transcoders.ffmpeg.internal;

import java.util.function.DoubleConsumer;

/** Turns timestamps into monotonic progress below 1.0; the transcoder reports 1.0 once the output is in place. */
final class Progress {
    private static final double STEP = 0.01;
    private static final double BEFORE_DONE = 0.99;

    private final DoubleConsumer sink;
    private final double start;
    private final double duration;
    private double reported = -1;

    Progress(DoubleConsumer sink, double startSeconds, double durationSeconds) {
        this.sink = sink;
        this.start = startSeconds;
        this.duration = durationSeconds;
    }

    void begin() {
        report(0);
    }

    void at(double seconds) {
        if (duration > 0) {
            double fraction = Math.min(BEFORE_DONE, Math.max(0, (seconds - start) / duration));
            if (fraction >= reported + STEP) {
                report(fraction);
            }
        }
    }

    private void report(double fraction) {
        if (fraction > reported) {
            reported = fraction;
            sink.accept(fraction);
        }
    }
}
