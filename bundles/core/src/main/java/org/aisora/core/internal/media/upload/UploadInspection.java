package org.aisora.core.internal.media.upload;

/**
 * What the gate learnt about an accepted upload. Width and height come from the image header; for
 * video they are 0 because only the transcoder's probe can tell them reliably.
 *
 * @param format the sniffed format (never the declared one)
 * @param width  image width in pixels, 0 for video
 * @param height image height in pixels, 0 for video
 * @param bytes  body length, equal to what was copied to the sink
 */
public record UploadInspection(MediaFormat format, int width, int height, long bytes) {
    /** {@code image} or {@code video}. */
    public String kind() {
        return format.kind();
    }

    /** Canonical content type, e.g. {@code image/png}, {@code video/quicktime}. */
    public String contentType() {
        return format.contentType();
    }

    /** Extension for the generated storage name, e.g. {@code png}, {@code mov}. */
    public String extension() {
        return format.extension();
    }
}
