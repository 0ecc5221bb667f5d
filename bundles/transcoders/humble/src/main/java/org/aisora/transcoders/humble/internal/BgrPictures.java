package org.aisora.transcoders.humble.internal;

import io.humble.ferry.Buffer;
import io.humble.video.MediaPicture;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Copies between BGR24 pictures and {@code TYPE_3BYTE_BGR} images (the same byte order) row by row, honouring
 * the picture's line size. humble 0.3.0's own converter ({@code BgrConverter}) copies the plane as one block,
 * which is only right for unpadded rows (true of {@code MediaPicture.make}, which packs them, not of every
 * picture FFmpeg hands out), and takes nothing but {@code TYPE_3BYTE_BGR} images; here any image type is drawn
 * onto a BGR canvas first.
 */
final class BgrPictures {
    private BgrPictures() {
    }

    /** A new image with the pixels of a BGR24 picture. */
    static BufferedImage toImage(MediaPicture bgr) {
        int width = bgr.getWidth();
        int height = bgr.getHeight();
        int stride = bgr.getLineSize(0);
        byte[] plane = new byte[stride * height];
        Buffer data = bgr.getData(0);
        try {
            data.get(0, plane, 0, plane.length);
        } finally {
            data.delete();
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            System.arraycopy(plane, y * stride, pixels, y * width * 3, width * 3);
        }
        return image;
    }

    /**
     * Writes {@code image} (any type, the picture's size) into a BGR24 picture, drawing it onto {@code canvas}
     * (a {@code TYPE_3BYTE_BGR} image of the same size, reused between calls) first.
     */
    static void fill(MediaPicture bgr, BufferedImage image, BufferedImage canvas) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.BLACK); // what shows through a transparent pixel, not the previous frame
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        int width = bgr.getWidth();
        int height = bgr.getHeight();
        int stride = bgr.getLineSize(0);
        byte[] pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        byte[] plane = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width * 3, plane, y * stride, width * 3);
        }
        Buffer data = bgr.getData(0);
        try {
            data.put(plane, 0, 0, plane.length);
        } finally {
            data.delete();
        }
    }
}
