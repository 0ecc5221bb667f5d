package org.aisora.api.error;

/**
 * A 503 that tells the client when to come back (the REST layer sends it as {@code Retry-After}): the
 * node is short of a resource it protects (password-hashing slots, a work queue), not broken.
 */
public class ServiceBusyException extends AisoraException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public ServiceBusyException(String code, String message, long retryAfterSeconds) {
        super(Kind.UNAVAILABLE, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
