package org.aisora.providers.builtin.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An abstract picture (gradient, soft waves, discs) whose every parameter comes from a hash of prompt and
 * seed. StrictMath and java.util.Random (whose algorithm is specified) keep the bytes identical on every
 * JVM; no fonts or other AWT rendering is used, so nothing depends on the host's graphics setup.
 */
final class ProceduralImage {
    private ProceduralImage() {
    }

    static byte[] png(String prompt, long seed, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixels(prompt, seed, width, height), 0, width);
        return encode(image);
    }

    static int[] pixels(String prompt, long seed, int width, int height) {
        Random random = new Random(hash(prompt == null ? "" : prompt, seed));
        double[] from = colour(random);
        double[] to = colour(random);
        double angle = random.nextDouble() * 2 * Math.PI;
        double dirX = StrictMath.cos(angle);
        double dirY = StrictMath.sin(angle);
        // separable waves: one sine per column and per row, so the cost stays O(width + height)
        double[] waveX = wave(random, width);
        double[] waveY = wave(random, height);
        Disc[] discs = new Disc[3 + random.nextInt(5)];
        for (int i = 0; i < discs.length; i++) {
            discs[i] = new Disc(random.nextDouble(), random.nextDouble(), 0.05 + random.nextDouble() * 0.3,
                    colour(random), 0.35 + random.nextDouble() * 0.55);
        }
        double side = Math.min(width, height);
        int[] pixels = new int[width * height];
        double[] rgb = new double[3];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width;
                double t = clamp(0.5 + (u - 0.5) * dirX + (v - 0.5) * dirY);
                double shade = 0.8 + 0.1 * (waveX[x] + waveY[y]);
                for (int c = 0; c < 3; c++) {
                    rgb[c] = (from[c] + (to[c] - from[c]) * t) * shade;
                }
                for (Disc disc : discs) {
                    double distance = Math.sqrt(square((u - disc.x) * width) + square((v - disc.y) * height)) / side;
                    if (distance < disc.radius) {
                        // a soft rim instead of a hard edge keeps the picture from looking aliased
                        double alpha = disc.opacity * Math.min(1.0, (disc.radius - distance) / 0.02);
                        for (int c = 0; c < 3; c++) {
                            rgb[c] += (disc.colour[c] - rgb[c]) * alpha;
                        }
                    }
                }
                pixels[y * width + x] = channel(rgb[0]) << 16 | channel(rgb[1]) << 8 | channel(rgb[2]);
            }
        }
        return pixels;
    }

    private static long hash(String prompt, long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prompt.getBytes(StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static double[] wave(Random random, int length) {
        double frequency = (1 + random.nextDouble() * 8) * 2 * Math.PI;
        double phase = random.nextDouble() * 2 * Math.PI;
        double[] wave = new double[length];
        for (int i = 0; i < length; i++) {
            wave[i] = StrictMath.sin(frequency * (i + 0.5) / length + phase);
        }
        return wave;
    }

    /** A saturated colour from a random hue (HSV with s and v high), as RGB in 0..1. */
    private static double[] colour(Random random) {
        double h = random.nextDouble() * 6;
        double s = 0.55 + random.nextDouble() * 0.45;
        double v = 0.6 + random.nextDouble() * 0.4;
        int sector = (int) h;
        double f = h - sector;
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double r = v * (1 - s * (1 - f));
        return switch (sector) {
            case 0 -> new double[] {v, r, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, r};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {r, p, v};
            default -> new double[] {v, p, q};
        };
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // an in-memory stream, so ImageIO's global disk-cache setting never matters
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }

    private static double square(double value) {
        return value * value;
    }

    private static int channel(double value) {
        return (int) Math.round(clamp(value) * 255);
    }

    private record Disc(double x, double y, double radius, double[] colour, double opacity) {
    }
}
