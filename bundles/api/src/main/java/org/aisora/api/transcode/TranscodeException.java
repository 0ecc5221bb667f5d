package org.aisora.api.transcode;

/** A probe or transcode failed; the code is stored on the media item. */
public class TranscodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public TranscodeException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
