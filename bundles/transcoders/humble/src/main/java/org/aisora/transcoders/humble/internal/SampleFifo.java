package org.aisora.transcoders.humble.internal;

import io.humble.ferry.Buffer;
import io.humble.video.MediaAudio;
import java.util.Arrays;

/**
 * Re-chunks audio into the fixed frame size an AAC encoder wants. humble's Encoder forwards whatever sample count
 * it is given, and FFmpeg 2.8 rejects a short frame that is not the last one (Opus, for one, decodes 960 samples).
 */
final class SampleFifo {
    private final byte[][] planes;
    private final int bytesPerSample;
    private int samples;

    /** {@code bytesPerSample} counts one sample of one plane (all channels for an interleaved format). */
    SampleFifo(int planeCount, int bytesPerSample) {
        this.planes = new byte[planeCount][4096];
        this.bytesPerSample = bytesPerSample;
    }

    int samples() {
        return samples;
    }

    void add(MediaAudio audio) {
        int count = audio.getNumSamples();
        int bytes = count * bytesPerSample;
        int at = samples * bytesPerSample;
        for (int p = 0; p < planes.length; p++) {
            if (planes[p].length < at + bytes) {
                planes[p] = Arrays.copyOf(planes[p], Math.max(planes[p].length * 2, at + bytes));
            }
            Buffer data = audio.getData(p);
            data.get(0, planes[p], at, bytes);
            data.delete();
        }
        samples += count;
    }

    /** Moves up to {@code max} samples into {@code frame} and returns how many. */
    int take(MediaAudio frame, int max) {
        int count = Math.min(max, samples);
        int bytes = count * bytesPerSample;
        int rest = (samples - count) * bytesPerSample;
        for (int p = 0; p < planes.length; p++) {
            Buffer data = frame.getData(p);
            data.put(planes[p], 0, 0, bytes);
            data.delete();
            System.arraycopy(planes[p], bytes, planes[p], 0, rest);
        }
        samples -= count;
        frame.setNumSamples(count);
        return count;
    }
}
