package org.aisora.moderation.rules.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The 64-bit DCT perceptual hash (pHash): grey 32x32, 2-D DCT, the 8x8 lowest frequencies without the
 * DC term, one bit per coefficient above their median. Resizing, recompression and small edits move
 * only a few bits, so known images are recognised by Hamming distance.
 */
final class PerceptualHash {
    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COS = new double[SIZE][SIZE];

    static {
        for (int u = 0; u < SIZE; u++) {
            for (int x = 0; x < SIZE; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
    }

    private PerceptualHash() {
    }

    static long of(BufferedImage image) {
        double[][] grey = grey(image);
        double[] low = new double[LOW * LOW];
        for (int u = 0; u < LOW; u++) {
            for (int v = 0; v < LOW; v++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    for (int y = 0; y < SIZE; y++) {
                        sum += grey[x][y] * COS[u][x] * COS[v][y];
                    }
                }
                low[u * LOW + v] = sum;
            }
        }
        double[] sorted = java.util.Arrays.copyOfRange(low, 1, low.length); // the DC term only says "bright"
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            if (low[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static double[][] grey(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        double[][] out = new double[SIZE][SIZE];
        for (int x = 0; x < SIZE; x++) {
            for (int y = 0; y < SIZE; y++) {
                int rgb = small.getRGB(x, y);
                out[x][y] = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        return out;
    }
}
