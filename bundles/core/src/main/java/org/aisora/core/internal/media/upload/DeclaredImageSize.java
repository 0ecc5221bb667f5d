package org.aisora.core.internal.media.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An image's size as its header declares it, for content that did not come through the upload gate
 * (a provider's output): the same header readers, so the pixel caps are checked before any decoder
 * allocates a raster.
 */
public final class DeclaredImageSize {
    private static final int SNIFF_BYTES = 64;

    /** Width and height in pixels, as declared; long because a header may declare more than an int holds. */
    public record Size(long width, long height) {
    }

    private DeclaredImageSize() {
    }

    /**
     * Reads from the start of {@code in} up to the field that gives the size.
     *
     * @throws org.aisora.api.error.AisoraException {@link UploadRefusals#UNSUPPORTED} for anything but PNG, JPEG,
     *                                              GIF or WebP, {@link UploadRefusals#MALFORMED} for a broken header
     */
    public static Size read(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(SNIFF_BYTES);
        byte[] head = buffered.readNBytes(SNIFF_BYTES);
        buffered.reset();
        MediaFormat format = FormatSniffer.sniff(head, head.length);
        if (!format.isImage()) {
            throw UploadRefusals.unsupported("a " + format + " file");
        }
        ImageHeaders.Size size = ImageHeaders.read(format, new MediaReader(buffered));
        return new Size(size.width(), size.height());
    }
}
