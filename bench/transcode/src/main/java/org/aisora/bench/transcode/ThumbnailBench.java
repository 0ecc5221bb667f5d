package org.aisora.bench.transcode;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.aisora.core.internal.media.Thumbnails;

/** Thumbnails.fromFile(path, box) over N distinct 4000x3000 JPEGs, single-threaded and with a small pool. */
final class ThumbnailBench {
    static final int WIDTH = 4000;
    static final int HEIGHT = 3000;
    static final float QUALITY = 0.90f;

    /** One measured configuration: seconds per pass over all images. */
    record Result(int threads, int images, List<Long> passNanos, String thumbSize) {
    }

    private ThumbnailBench() {
    }

    /**
     * Writes count distinct photo-like 12 MP JPEGs (quality 90, ImageIO's default 4:2:0) unless they exist:
     * gradients and random shapes for edges and flat areas, then per-pixel noise for sensor-like texture.
     */
    static List<Path> images(Path dir, int count, java.io.PrintStream log) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "photo-%02d-%dx%d-q90.jpg", i, WIDTH, HEIGHT));
            if (!Files.exists(f)) {
                write(f, draw(i));
                log.printf(Locale.ROOT, "  wrote %s (%.1f MB)%n", f.getFileName(), Files.size(f) / 1e6);
            }
            files.add(f);
        }
        return files;
    }

    private static BufferedImage draw(int seed) {
        SplittableRandom rnd = new SplittableRandom(0x5eed + seed * 7919L);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, color(rnd), WIDTH, HEIGHT, color(rnd)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            for (int k = 0; k < 400; k++) {
                Color c = color(rnd);
                g.setPaint(new GradientPaint(rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT), c,
                        rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT), new Color(c.getRed() / 2, c.getGreen() / 2, c.getBlue() / 2, 160)));
                int w = 20 + rnd.nextInt(900);
                int h = 20 + rnd.nextInt(900);
                int x = rnd.nextInt(WIDTH) - w / 2;
                int y = rnd.nextInt(HEIGHT) - h / 2;
                switch (k % 3) {
                    case 0 -> g.fillOval(x, y, w, h);
                    case 1 -> g.fillRect(x, y, w, h);
                    default -> g.fillRoundRect(x, y, w, h, 40, 40);
                }
            }
        } finally {
            g.dispose();
        }
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int n = rnd.nextInt(25) - 12; // luminance-like noise, +-12 levels
            int r = clamp(((px[i] >> 16) & 0xff) + n + rnd.nextInt(5) - 2);
            int gg = clamp(((px[i] >> 8) & 0xff) + n + rnd.nextInt(5) - 2);
            int b = clamp((px[i] & 0xff) + n + rnd.nextInt(5) - 2);
            px[i] = (r << 16) | (gg << 8) | b;
        }
        return img;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static Color color(SplittableRandom rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    private static void write(Path f, BufferedImage img) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        Path tmp = f.resolveSibling(f.getFileName() + ".part");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A warm-up pass, then {@code passes} timed passes over all images with {@code threads} workers. */
    static Result measure(List<Path> files, int box, int threads, int warmups, int passes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            String size = null;
            for (int w = 0; w < warmups; w++) {
                size = pass(files, box, pool);
            }
            List<Long> times = new ArrayList<>();
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                size = pass(files, box, pool);
                times.add(System.nanoTime() - t0);
            }
            return new Result(threads, files.size(), times, size);
        } finally {
            pool.shutdown();
        }
    }

    /** One pass; returns the thumbnail size(s) seen, which must be one size for these inputs. */
    private static String pass(List<Path> files, int box, ExecutorService pool) throws Exception {
        List<Future<Thumbnails.Thumbnail>> futures = new ArrayList<>();
        for (Path f : files) {
            futures.add(pool.submit(() -> Thumbnails.fromFile(f, box)));
        }
        java.util.Set<String> sizes = new java.util.TreeSet<>();
        for (Future<Thumbnails.Thumbnail> fu : futures) {
            Thumbnails.Thumbnail t = fu.get();
            if (t == null || t.jpeg().length == 0) {
                throw new IllegalStateException("no thumbnail");
            }
            sizes.add(t.width() + "x" + t.height());
        }
        return String.join(",", sizes);
    }
}
