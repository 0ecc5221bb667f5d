package org.aisora.providers.builtin.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.VideoEncoder;

/**
 * Short offline clips: a still (the procedural picture of the prompt, or the user's own image) filmed by
 * a slow virtual camera that zooms in while it pans, encoded by the platform's active transcoder. Frames
 * are made one at a time from one canvas, so memory follows the frame size, not the clip length.
 */
final class ProceduralClip {
    static final int FPS = 12;
    /** The canvas is this much larger than a frame, so the camera has room to move. */
    private static final double MARGIN = 1.25;

    private ProceduralClip() {
    }

    static byte[] textToVideo(VideoEncoder encoder, String prompt, long seed, int width, int height, int seconds)
            throws ProviderException {
        int w = even(width);
        int h = even(height);
        int cw = (int) Math.ceil(w * MARGIN);
        int ch = (int) Math.ceil(h * MARGIN);
        BufferedImage canvas = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        canvas.setRGB(0, 0, cw, ch, ProceduralImage.pixels(prompt, seed, cw, ch), 0, cw);
        return encode(encoder, canvas, w, h, seconds, seed);
    }

    static byte[] imageToVideo(VideoEncoder encoder, MediaInput input, long seed, int width, int height, int seconds)
            throws ProviderException, IOException {
        int w = even(width);
        int h = even(height);
        BufferedImage canvas = InputImages.canvas(input, (int) Math.ceil(w * MARGIN), (int) Math.ceil(h * MARGIN));
        return encode(encoder, canvas, w, h, seconds, seed);
    }

    private static int even(int side) {
        return Math.max(2, side & ~1);
    }

    private static byte[] encode(VideoEncoder encoder, BufferedImage canvas, int w, int h, int seconds, long seed)
            throws ProviderException {
        Path out = null;
        try {
            out = Files.createTempFile("aisora-builtin", ".mp4");
            Files.delete(out); // the encoder writes beside and moves into place
            encoder.encode(new Camera(canvas, w, h, seconds * FPS, (seed & 1) == 0), out, p -> { });
            return Files.readAllBytes(out);
        } catch (TranscodeException e) {
            throw new ProviderException("render_failed", "the clip could not be encoded (" + e.code() + ")", false);
        } catch (IOException e) {
            throw new ProviderException("render_failed", "the clip could not be written: " + e.getMessage(), false);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is the OS's to clean
                }
            }
        }
    }

    /** Zooms from the whole canvas to its inner frame-sized window while drifting left-to-right or back. */
    private static final class Camera implements FrameSource {
        private final BufferedImage canvas;
        private final int width;
        private final int height;
        private final int frames;
        private final boolean rightward;

        Camera(BufferedImage canvas, int width, int height, int frames, boolean rightward) {
            this.canvas = canvas;
            this.width = width;
            this.height = height;
            this.frames = frames;
            this.rightward = rightward;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int frameRate() {
            return FPS;
        }

        @Override
        public int frameCount() {
            return frames;
        }

        @Override
        public BufferedImage frame(int index) {
            double t = frames == 1 ? 0 : index / (double) (frames - 1);
            double eased = t * t * (3 - 2 * t);
            double zoom = 1.0 + (MARGIN - 1.0) * eased;
            double viewW = canvas.getWidth() / zoom;
            double viewH = canvas.getHeight() / zoom;
            double pan = rightward ? eased : 1 - eased;
            double x = (canvas.getWidth() - viewW) * pan;
            double y = (canvas.getHeight() - viewH) / 2;
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = frame.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(canvas, 0, 0, width, height, (int) Math.round(x), (int) Math.round(y),
                        (int) Math.round(x + viewW), (int) Math.round(y + viewH), null);
            } finally {
                g.dispose();
            }
            return frame;
        }
    }
}
