package org.aisora.transcoders.humble.internal;

import io.humble.ferry.Buffer;
import io.humble.video.MediaPicture;

/**
 * Turns a YUV 4:2:0 picture upright, in Java. humble-video returns stream metadata as a copy, so an output
 * cannot be tagged with the source's "rotate" value; the pixels are turned instead and the output has rotation 0.
 *
 * <p>Plane sizes are computed from line size and height: humble 0.3.0 reports the whole picture's size for
 * every plane ({@code getDataPlaneSize}), which would read and write past the chroma planes.
 */
final class PlaneRotation {
    private final int degrees;
    private final byte[][] in = new byte[3][];
    private final byte[][] out = new byte[3][];

    /** {@code degrees}: the clockwise turn a player would apply (0, 90, 180 or 270). */
    PlaneRotation(int degrees) {
        this.degrees = degrees;
    }

    /** Both pictures are YUV420P with even sides; {@code dst} is {@code src} turned (sides swapped for 90/270). */
    void rotate(MediaPicture src, MediaPicture dst) {
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            int w = src.getWidth() >> shift;
            int h = src.getHeight() >> shift;
            int srcStride = src.getLineSize(p);
            int dstStride = dst.getLineSize(p);
            int srcBytes = srcStride * h;
            int dstBytes = dstStride * (dst.getHeight() >> shift);
            in[p] = sized(in[p], srcBytes);
            out[p] = sized(out[p], dstBytes);
            Buffer from = src.getData(p);
            from.get(0, in[p], 0, srcBytes);
            from.delete();
            turn(in[p], srcStride, w, h, out[p], dstStride);
            Buffer to = dst.getData(p);
            to.put(out[p], 0, 0, dstBytes);
            to.delete();
        }
    }

    private void turn(byte[] s, int ss, int w, int h, byte[] d, int ds) {
        for (int y = 0; y < h; y++) {
            int row = y * ss;
            for (int x = 0; x < w; x++) {
                byte v = s[row + x];
                switch (degrees) {
                    case 90 -> d[x * ds + (h - 1 - y)] = v;
                    case 180 -> d[(h - 1 - y) * ds + (w - 1 - x)] = v;
                    case 270 -> d[(w - 1 - x) * ds + y] = v;
                    default -> d[y * ds + x] = v;
                }
            }
        }
    }

    private static byte[] sized(byte[] bytes, int size) {
        return bytes != null && bytes.length >= size ? bytes : new byte[size];
    }
}
