package org.aisora.core.internal.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image readers for what the platform accepts: the JDK's (PNG, JPEG, GIF) and TwelveMonkeys' WebP
 * reader. In OSGi, ImageIO's registry does not see readers in other bundles, so WebP is asked for by
 * name rather than through the registry. Decodes are subsampled towards a box so that a large image
 * never needs its full raster in memory.
 */
public final class ImageDecoding {
    private static final WebPImageReaderSpi WEBP = new WebPImageReaderSpi();

    private ImageDecoding() {
    }

    /** @return a reader positioned on {@code in}, or null when no reader decodes it */
    static ImageReader readerFor(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (readers.hasNext()) {
            return readers.next();
        }
        return WEBP.canDecodeInput(in) ? WEBP.createReaderInstance() : null;
    }

    /**
     * Decodes the first frame, subsampled so that its shorter side stays at least {@code box} (0 decodes
     * at full size). @return null when no reader decodes it
     */
    public static BufferedImage read(ImageInputStream in, int box) throws IOException {
        ImageReader reader = readerFor(in);
        if (reader == null) {
            return null;
        }
        try {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            if (box > 0) {
                int step = Math.max(1, Math.min(reader.getWidth(0), reader.getHeight(0)) / box);
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }
}
