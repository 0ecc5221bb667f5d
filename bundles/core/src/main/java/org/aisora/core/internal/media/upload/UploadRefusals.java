package org.aisora.core.internal.media.upload;

import org.aisora.api.error.AisoraException;
import org.aisora.api.error.AisoraException.Kind;

/**
 * Every way the gate says no, each with its own code so a client (and a test) can tell them apart.
 * Messages name the rule, never the client's bytes, a path or a stack.
 */
public final class UploadRefusals {
    /** 413: the body, or its declared Content-Length, is over {@link UploadLimits#maxBytes()}. */
    public static final String TOO_LARGE = "upload_too_large";
    /** 400: nothing was sent. */
    public static final String EMPTY = "empty_upload";
    /** 415: the content is not one of the allowed formats (BMP, SVG, HTML, playlists, text, archives...). */
    public static final String UNSUPPORTED = "unsupported_media_type";
    /** 415: the declared Content-Type names another format than the content is. */
    public static final String MISMATCH = "content_type_mismatch";
    /** 422: an image header declares more pixels, or a longer side, than the limits allow. */
    public static final String PIXEL_LIMIT = "pixel_limit_exceeded";
    /** 422: an allowed format that also carries markup, script or a playlist in its first bytes. */
    public static final String POLYGLOT = "polyglot_rejected";
    /** 422: the magic is right but the structure is truncated or impossible. */
    public static final String MALFORMED = "malformed_media";

    private UploadRefusals() {
    }

    static AisoraException tooLarge(long maxBytes) {
        return new AisoraException(Kind.PAYLOAD_TOO_LARGE, TOO_LARGE, "the upload is larger than " + maxBytes + " bytes");
    }

    static AisoraException empty() {
        return new AisoraException(Kind.BAD_REQUEST, EMPTY, "the upload is empty");
    }

    static AisoraException unsupported(String what) {
        return new AisoraException(Kind.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED,
                what + " is not accepted; send PNG, JPEG, WebP, GIF, MP4, MOV or WebM");
    }

    static AisoraException mismatch(MediaFormat detected) {
        return new AisoraException(Kind.UNSUPPORTED_MEDIA_TYPE, MISMATCH,
                "the declared Content-Type does not match the content, which is " + detected.contentType());
    }

    static AisoraException pixelLimit(long width, long height, UploadLimits limits) {
        return AisoraException.unprocessable(PIXEL_LIMIT, "the image declares " + width + "x" + height
                + " pixels; the limit is " + limits.maxPixels() + " pixels and " + limits.maxWidth() + "x"
                + limits.maxHeight());
    }

    static AisoraException polyglot(String why) {
        return AisoraException.unprocessable(POLYGLOT, "the file is also " + why + " and is refused");
    }

    static AisoraException malformed(String why) {
        return AisoraException.unprocessable(MALFORMED, "the file is damaged: " + why);
    }
}
