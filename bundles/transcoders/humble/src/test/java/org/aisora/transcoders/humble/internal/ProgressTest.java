package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void monotonicInOnePercentStepsBelowOneUntilDone() {
        List<Double> seen = new ArrayList<>();
        Progress progress = new Progress(seen::add, 10);
        progress.start();
        progress.at(0.05);   // 0.5%: below a step
        progress.at(1.0);
        progress.at(0.5);    // back in time: ignored
        progress.at(25);     // past the end: capped below 1
        progress.done();
        progress.done();
        assertEquals(List.of(0.0, 0.1, 0.99, 1.0), seen);
    }

    @Test
    void unknownDurationReportsOnlyStartAndEnd() {
        List<Double> seen = new ArrayList<>();
        Progress progress = new Progress(seen::add, 0);
        progress.start();
        progress.at(3);
        progress.done();
        assertEquals(List.of(0.0, 1.0), seen);
    }
}
