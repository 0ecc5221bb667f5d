package org.aisora.support.vendorhttp;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A call to a vendor's HTTP API that gave no usable answer. This bundle belongs to no plugin family, so
 * the failure is described in HTTP terms only; each caller maps it onto its own SPI's errors (a
 * provider's routing codes, a moderation engine's "no verdict"). {@code retryable} says whether the same
 * call may succeed later, {@code retryAfter} how long the vendor asked us to wait ({@code Retry-After}).
 */
public final class VendorHttpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why no usable answer came back. */
    public enum Kind {
        /** 401 or 403: the vendor refused our credentials. */
        AUTH_REFUSED,
        /** 429: the vendor throttles us. */
        RATE_LIMITED,
        /** No answer within the request timeout, or the vendor's own 408 or 504. */
        TIMEOUT,
        /** The vendor could not be reached, the connection broke, or it failed (5xx). */
        UNAVAILABLE,
        /** Any other status that is not 2xx: the vendor refused the request as sent. */
        REJECTED,
        /** An answer we cannot use: over the size cap, not JSON, a required field missing. */
        INVALID_ANSWER
    }

    private final Kind kind;
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    public VendorHttpException(Kind kind, String message, boolean retryable) {
        this(kind, 0, message, retryable, null);
    }

    /**
     * @param status     the HTTP status that came back, 0 when none did (timeout, refused connection, bad body)
     * @param retryAfter the vendor's requested wait, or null
     */
    public VendorHttpException(Kind kind, int status, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The kind in lower case ({@code auth_refused}), for messages. */
    public String code() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status of the vendor's answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
