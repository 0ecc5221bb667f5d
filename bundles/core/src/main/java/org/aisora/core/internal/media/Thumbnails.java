package org.aisora.core.internal.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Small JPEG previews, scaled to fit a square box and never upscaled. */
public final class Thumbnails {
    /** A thumbnail's bytes and its size in pixels. */
    public record Thumbnail(byte[] jpeg, int width, int height) {
    }

    private Thumbnails() {
    }

    /**
     * Reads an image file subsampled close to the box, so a large upload never needs its full raster
     * in memory. @return null when no reader decodes the format
     */
    public static Thumbnail fromFile(java.nio.file.Path file, int box) throws IOException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            BufferedImage image = ImageDecoding.read(in, box);
            return image == null ? null : jpeg(image, box);
        }
    }

    public static Thumbnail jpeg(BufferedImage source, int box) throws IOException {
        double scale = Math.min(1.0, Math.min((double) box / source.getWidth(), (double) box / source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, "jpeg", bytes)) {
            throw new IOException("no JPEG writer in this JRE");
        }
        return new Thumbnail(bytes.toByteArray(), w, h);
    }
}
