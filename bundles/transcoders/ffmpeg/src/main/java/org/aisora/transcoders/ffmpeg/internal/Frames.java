package org.aisora.transcoders.ffmpeg.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.aisora.api.transcode.TranscodeException;

/** Sampled frames as Java images, scaled down (never up) to fit a box. */
final class Frames {
    private Frames() {
    }

    static BufferedImage read(Path jpeg) throws TranscodeException {
        try {
            BufferedImage image = ImageIO.read(jpeg.toFile());
            if (image == null) {
                throw Codes.failed("a sampled frame did not decode");
            }
            return image;
        } catch (IOException e) {
            throw Codes.failed("cannot read a sampled frame: " + e.getMessage());
        }
    }

    static BufferedImage fit(BufferedImage image, int maxSide) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= maxSide) {
            return image;
        }
        double scale = maxSide / (double) longest;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
