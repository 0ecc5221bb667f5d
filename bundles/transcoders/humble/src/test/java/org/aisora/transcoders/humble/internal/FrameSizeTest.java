package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameSizeTest {
    @ParameterizedTest(name = "{0}x{1} at {2}p -> {3}x{4}")
    @CsvSource({
        "1920, 1080, 720, 1280, 720",
        "1920, 1080, 480, 854, 480",
        "1280, 720, 1080, 1280, 720",   // never upscaled
        "320, 240, 241, 320, 240",
        "641, 361, 1080, 640, 360",     // odd source: even sides, aspect kept
        "1080, 1920, 720, 406, 720",    // portrait
        "3, 2, 100, 2, 2",              // tiny: at least 2x2
    })
    void keepsAspectWithEvenSidesAndNeverUpscales(int w, int h, int target, int ew, int eh) {
        assertEquals(new FrameSize(ew, eh), FrameSize.rendition(new FrameSize(w, h), target));
    }

    @ParameterizedTest
    @CsvSource({"0, 240, 120", "320, 240, 0", "320, -2, 120"})
    void refusesNonPositiveSizes(int w, int h, int target) {
        assertThrows(IllegalArgumentException.class, () -> FrameSize.rendition(new FrameSize(w, h), target));
    }

    @ParameterizedTest(name = "{0}x{1} into {2} -> {3}x{4}")
    @CsvSource({
        "320, 240, 160, 160, 120",
        "240, 320, 160, 120, 160",
        "320, 240, 1000, 320, 240",     // never upscaled
        "330, 250, 33, 33, 25",
        "4000, 10, 100, 100, 1",        // a side never below 1
    })
    void fitsABoxKeepingAspect(int w, int h, int side, int ew, int eh) {
        assertEquals(new FrameSize(ew, eh), new FrameSize(w, h).fit(side));
    }

    @Test
    void refusesAnEmptyBox() {
        assertThrows(IllegalArgumentException.class, () -> new FrameSize(320, 240).fit(0));
    }
}
