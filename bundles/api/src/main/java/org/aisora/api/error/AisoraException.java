package org.aisora.api.error;

/**
 * A failure a client can act on: a stable snake_case code, a human message and the kind that
 * decides the HTTP status. Messages never carry internals (stack traces, SQL, file paths).
 */
public class AisoraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with the one HTTP status it maps to. */
    public enum Kind {
        BAD_REQUEST(400), UNAUTHORIZED(401), PAYMENT_REQUIRED(402), FORBIDDEN(403), NOT_FOUND(404),
        CONFLICT(409), PAYLOAD_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415), UNPROCESSABLE(422),
        RATE_LIMITED(429), INTERNAL(500), UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;

    public AisoraException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public static AisoraException badRequest(String code, String message) {
        return new AisoraException(Kind.BAD_REQUEST, code, message);
    }

    public static AisoraException unauthorized(String message) {
        return new AisoraException(Kind.UNAUTHORIZED, "unauthorized", message);
    }

    public static AisoraException forbidden(String code, String message) {
        return new AisoraException(Kind.FORBIDDEN, code, message);
    }

    public static AisoraException notFound(String what) {
        return new AisoraException(Kind.NOT_FOUND, "not_found", what + " not found");
    }

    public static AisoraException conflict(String code, String message) {
        return new AisoraException(Kind.CONFLICT, code, message);
    }

    public static AisoraException unprocessable(String code, String message) {
        return new AisoraException(Kind.UNPROCESSABLE, code, message);
    }
}
