package org.aisora.core.internal.media;

import org.aisora.api.provider.ProviderException;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.core.internal.media.upload.DeclaredImageSize;

/**
 * The caps a provider's output is held to: the upload caps, because a vendor's bytes are as hostile as a
 * client's. Each refusal fails the attempt with its own code and is never retried (the same output would
 * come back).
 */
public record OutputLimits(long maxBytes, long maxPixels, int maxSide, int maxVideoSide, int maxVideoSeconds,
                           int maxVideoStreams) {
    /** Over {@link #maxBytes}, while it is copied. */
    public static final String TOO_LARGE = "output_too_large";
    /** An image header declaring more pixels, or a longer side, than an upload may. */
    public static final String PIXEL_LIMIT = "output_pixel_limit_exceeded";
    /** A video wider, longer or with more streams than an uploaded video may have. */
    public static final String VIDEO_LIMIT = "output_video_limit_exceeded";

    public static OutputLimits of(MediaConfiguration config) {
        return new OutputLimits(config.upload_max_bytes(), config.upload_max_pixels(), config.upload_max_side(),
                config.upload_max_video_side(), config.upload_max_video_seconds(), config.upload_max_video_streams());
    }

    void checkImage(DeclaredImageSize.Size size) throws ProviderException {
        if (size.width() > maxSide || size.height() > maxSide || size.width() * size.height() > maxPixels) {
            throw new ProviderException(PIXEL_LIMIT, "the provider's image declares " + size.width() + "x"
                    + size.height() + " pixels; at most " + maxSide + " per side and " + maxPixels + " in all are kept",
                    false);
        }
    }

    void checkVideo(MediaProbe probe) throws ProviderException {
        if (Math.max(probe.width(), probe.height()) > maxVideoSide || probe.durationSeconds() > maxVideoSeconds
                || probe.streamCount() > maxVideoStreams) {
            throw new ProviderException(VIDEO_LIMIT, "the provider's video (" + probe.width() + "x" + probe.height()
                    + ", " + Math.round(probe.durationSeconds()) + " s, " + probe.streamCount() + " streams) is over "
                    + maxVideoSide + " px per side, " + maxVideoSeconds + " s or " + maxVideoStreams + " streams",
                    false);
        }
    }

    ProviderException tooLarge() {
        return new ProviderException(TOO_LARGE, "the provider's output is larger than " + maxBytes + " bytes", false);
    }
}
