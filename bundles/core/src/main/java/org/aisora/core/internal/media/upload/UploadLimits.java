package org.aisora.core.internal.media.upload;

/**
 * The caps an upload is held to, taken from configuration. Every figure is checked while the body
 * streams or from a header, so none of them needs the whole body in memory.
 *
 * @param maxBytes  largest body accepted (413 above it)
 * @param maxPixels largest width × height an image header may declare
 * @param maxWidth  widest image accepted
 * @param maxHeight tallest image accepted
 */
public record UploadLimits(long maxBytes, long maxPixels, int maxWidth, int maxHeight) {
    public UploadLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxWidth <= 0 || maxHeight <= 0) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
    }

    /** Sides first: a 100,000 × 1 strip fits a pixel budget yet still breaks decoders and thumbnails. */
    boolean allowsImage(long width, long height) {
        return width <= maxWidth && height <= maxHeight && width * height <= maxPixels;
    }
}
