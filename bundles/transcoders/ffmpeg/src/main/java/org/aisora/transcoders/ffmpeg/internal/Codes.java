package org.aisora.transcoders.ffmpeg.internal;

import org.aisora.api.transcode.TranscodeException;

/** The failure codes the Transcoder SPI documents. */
final class Codes {
    static final String UNSUPPORTED_FORMAT = "unsupported_format";
    static final String CORRUPT_MEDIA = "corrupt_media";
    static final String DECODE_TIMEOUT = "decode_timeout";
    static final String TRANSCODE_FAILED = "transcode_failed";

    private Codes() {
    }

    static TranscodeException unsupported(String message) {
        return new TranscodeException(UNSUPPORTED_FORMAT, message);
    }

    static TranscodeException corrupt(String message) {
        return new TranscodeException(CORRUPT_MEDIA, message);
    }

    static TranscodeException failed(String message) {
        return new TranscodeException(TRANSCODE_FAILED, message);
    }
}
