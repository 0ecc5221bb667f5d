package org.aisora.providers.builtin.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;

/** Image-to-image and upscale from a user's upload: real resampling, never the input bytes again. */
final class InputImages {
    private InputImages() {
    }

    /** Upscale: bicubic resampling to the requested size, which must be larger than the input. */
    static byte[] upscale(MediaInput input, int width, int height) throws ProviderException, IOException {
        if (width <= input.width() && height <= input.height()) {
            throw new ProviderException("invalid_size", "an upscale must be larger than the input ("
                    + input.width() + "x" + input.height() + ")", false);
        }
        return png(resample(read(input, width, height), width, height));
    }

    /**
     * Image-to-image: the input resampled to the requested size, blended with the prompt's procedural
     * picture (the same prompt and seed give the same bytes; another prompt gives another picture).
     */
    static byte[] restyle(MediaInput input, String prompt, long seed, int width, int height)
            throws ProviderException, IOException {
        BufferedImage base = resample(read(input, width, height), width, height);
        int[] style = ProceduralImage.pixels(prompt, seed, width, height);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = base.getRGB(x, y);
                int b = style[y * width + x];
                out.setRGB(x, y, mix(a >> 16, b >> 16) << 16 | mix(a >> 8, b >> 8) << 8 | mix(a, b));
            }
        }
        return png(out);
    }

    /** The input resampled to exactly {@code width x height}, as the canvas of an image-to-video clip. */
    static BufferedImage canvas(MediaInput input, int width, int height) throws ProviderException, IOException {
        BufferedImage source = read(input, width, height);
        if (source == null) {
            throw new ProviderException("unsupported_input", "the input image does not decode", false);
        }
        return resample(source, width, height);
    }

    private static int mix(int a, int b) {
        return ((a & 0xff) * 3 + (b & 0xff) * 2) / 5;
    }

    /** Decodes subsampled when the input is much larger than needed, so memory follows the output size. */
    private static BufferedImage read(MediaInput input, int width, int height) throws ProviderException, IOException {
        try (InputStream raw = input.open(); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ProviderException("unsupported_input", "the built-in provider cannot read "
                        + input.contentType(), false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int step = Math.max(1, Math.min(reader.getWidth(0) / Math.max(1, width),
                        reader.getHeight(0) / Math.max(1, height)) / 2);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage resample(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
