package org.aisora.transcoders.humble.internal;

import java.util.function.DoubleConsumer;

/** Reports progress from media timestamps: monotonic, below 1.0 until the output is complete, in 1% steps. */
final class Progress {
    private static final double STEP = 0.01;
    private final DoubleConsumer sink;
    private final double durationSeconds;
    private double reported = -1;

    Progress(DoubleConsumer sink, double durationSeconds) {
        this.sink = sink == null ? p -> { } : sink;
        this.durationSeconds = durationSeconds;
    }

    void at(double mediaSeconds) {
        if (durationSeconds <= 0) {
            return;
        }
        double value = Math.min(0.99, Math.max(0, mediaSeconds / durationSeconds));
        if (reported < 0 || value >= reported + STEP) {
            report(value);
        }
    }

    void start() {
        report(0);
    }

    void done() {
        report(1);
    }

    private void report(double value) {
        if (value > reported) {
            reported = value;
            sink.accept(value);
        }
    }
}
