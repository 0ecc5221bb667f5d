package org.aisora.transcoders.humble.internal;

import org.aisora.api.transcode.TranscodeException;

/** The error codes this transcoder stores on a media item. */
final class Failure {
    static final String UNSUPPORTED_FORMAT = "unsupported_format";
    static final String CORRUPT_MEDIA = "corrupt_media";
    static final String DECODE_TIMEOUT = "decode_timeout";
    static final String TRANSCODE_FAILED = "transcode_failed";

    private Failure() {
    }

    static TranscodeException unsupported(String message) {
        return new TranscodeException(UNSUPPORTED_FORMAT, message);
    }

    static TranscodeException corrupt(String message) {
        return new TranscodeException(CORRUPT_MEDIA, message);
    }

    static TranscodeException failed(String message, Throwable cause) {
        TranscodeException e = new TranscodeException(TRANSCODE_FAILED, message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
