package org.aisora.transcoders.humble.internal;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded picture by the clockwise rotation a player would apply, so the poster is upright. The result
 * is always a plain TYPE_3BYTE_BGR image: humble's converter returns a custom colour model, which is not what
 * ImageIO's JPEG writer should be trusted with.
 */
final class ImageRotation {
    private ImageRotation() {
    }

    static BufferedImage upright(BufferedImage image, int degrees) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean sideways = degrees % 180 != 0;
        BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                switch (degrees) {
                    case 90 -> out.setRGB(h - 1 - y, x, rgb);
                    case 180 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 270 -> out.setRGB(y, w - 1 - x, rgb);
                    default -> out.setRGB(x, y, rgb);
                }
            }
        }
        return out;
    }
}
