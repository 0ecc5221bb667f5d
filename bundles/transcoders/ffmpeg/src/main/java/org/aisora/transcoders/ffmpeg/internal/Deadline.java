package org.aisora.transcoders.ffmpeg.internal;

import java.time.Duration;
import org.aisora.api.transcode.TranscodeException;

/** The wall-clock bound of one call, checked by the packet loops and by FFmpeg's interrupt callback. */
record Deadline(long endNanos, Duration bound) {
    static Deadline after(Duration bound) {
        return new Deadline(System.nanoTime() + bound.toNanos(), bound);
    }

    boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }

    void check() throws TranscodeException {
        if (passed()) {
            throw expired();
        }
    }

    TranscodeException expired() {
        return new TranscodeException(Codes.DECODE_TIMEOUT, "decoding took longer than " + bound.toMillis() + " ms");
    }
}
