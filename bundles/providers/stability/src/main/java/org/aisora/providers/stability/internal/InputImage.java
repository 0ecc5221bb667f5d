package org.aisora.providers.stability.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;

/** The user's image as a multipart file part: read once, bounded, and named by its type. */
record InputImage(String contentType, String filename, byte[] bytes) {
    /** Stability refuses larger uploads; checking here spares a doomed call. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The only frame sizes Stable Video Diffusion accepts. */
    static final List<int[]> VIDEO_SIZES = List.of(new int[] {1024, 576}, new int[] {576, 1024}, new int[] {768, 768});
    private static final Map<String, String> FILENAMES = Map.of("image/png", "image.png", "image/jpeg", "image.jpg",
            "image/webp", "image.webp");

    static InputImage of(GenerationRequest request) throws ProviderException {
        MediaInput input = request.input();
        if (input == null) {
            throw invalid(request.type().wireName() + " needs an input image");
        }
        String type = input.contentType() == null ? "" : input.contentType().toLowerCase(java.util.Locale.ROOT);
        String filename = FILENAMES.get(type);
        if (filename == null) {
            throw invalid("Stability AI takes PNG, JPEG or WebP input, not " + type);
        }
        try (InputStream in = input.open()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw invalid("the input image is over Stability AI's 10 MB limit");
            }
            return new InputImage(type, filename, bytes);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.UNAVAILABLE, "the input image could not be read", true);
        }
    }

    /**
     * The input as a Stable Video Diffusion first frame: kept when it already has an accepted size, else
     * scaled to cover the accepted size nearest the wanted shape and centre-cropped, as PNG.
     */
    static InputImage videoFrame(GenerationRequest request) throws ProviderException {
        InputImage image = of(request);
        int inW = request.input().width();
        int inH = request.input().height();
        for (int[] size : VIDEO_SIZES) {
            if (size[0] == inW && size[1] == inH) {
                return image;
            }
        }
        int[] target = nearest(request.width() > 0 && request.height() > 0 ? request.width() : inW,
                request.width() > 0 && request.height() > 0 ? request.height() : inH);
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        } catch (IOException e) {
            source = null;
        }
        if (source == null) {
            throw invalid("image-to-video needs a 1024x576, 576x1024 or 768x768 image, or a PNG/JPEG to fit to one");
        }
        return new InputImage("image/png", "image.png", cover(source, target[0], target[1]));
    }

    static int[] nearest(int width, int height) {
        double wanted = Math.log((double) Math.max(1, width) / Math.max(1, height));
        int[] best = VIDEO_SIZES.get(2);
        for (int[] size : VIDEO_SIZES) {
            if (Math.abs(wanted - Math.log((double) size[0] / size[1]))
                    < Math.abs(wanted - Math.log((double) best[0] / best[1]))) {
                best = size;
            }
        }
        return best;
    }

    private static byte[] cover(BufferedImage source, int width, int height) throws ProviderException {
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        int scaledW = (int) Math.ceil(source.getWidth() * scale);
        int scaledH = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, (width - scaledW) / 2, (height - scaledH) / 2, scaledW, scaledH, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(frame, "png", out);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.INVALID_REQUEST, "the video frame could not be encoded",
                    false);
        }
        return out.toByteArray();
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(ProviderException.INVALID_REQUEST, message, false);
    }
}
