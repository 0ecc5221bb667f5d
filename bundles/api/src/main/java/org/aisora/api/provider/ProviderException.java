package org.aisora.api.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed; {@code retryable} tells the core whether another attempt may succeed, and
 * {@code retryAfter} how long the vendor asked us to wait before it (HTTP {@code Retry-After}).
 * Adapters map vendor failures onto the codes below so the core can route on them.
 */
public class ProviderException extends Exception {
    /** The vendor refused our key (401/403). Not retryable here; another provider may serve the job. */
    public static final String AUTH_FAILED = "provider_auth_failed";
    /** The vendor throttled us (429). Retryable, usually with a Retry-After. */
    public static final String RATE_LIMITED = "provider_rate_limited";
    /** The vendor failed or could not be reached (5xx, connection refused). Retryable. */
    public static final String UNAVAILABLE = "provider_unavailable";
    /** The vendor did not answer within the configured time. Retryable. */
    public static final String TIMEOUT = "provider_timeout";
    /** The vendor's content policy refused the prompt or input. Final: the job ends rejected. */
    public static final String CONTENT_POLICY = "content_policy_violation";
    /** The vendor rejected the request as malformed (400/422). Final for this provider. */
    public static final String INVALID_REQUEST = "provider_invalid_request";
    /** The vendor answered with something we cannot use (bad JSON, undecodable media, too large). */
    public static final String INVALID_OUTPUT = "invalid_provider_output";

    private static final long serialVersionUID = 1L;
    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public ProviderException(String code, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the vendor asked for before retrying, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
