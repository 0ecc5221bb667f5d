package org.aisora.api.error;

import org.aisora.api.error.AisoraException;

/**
 * A 429 that tells the client when to come back (the REST layer sends it as {@code Retry-After}).
 * Depends on nothing but the API, so it can move to {@code org.aisora.api.error} unchanged.
 */
public class RateLimitedException extends AisoraException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String code, String message, long retryAfterSeconds) {
        super(Kind.RATE_LIMITED, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
