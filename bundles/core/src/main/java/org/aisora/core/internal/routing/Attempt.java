package org.aisora.core.internal.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.aisora.api.provider.ProviderException;

/**
 * One try of one provider for a job, as shown to operators and in exports.
 *
 * @param outcome   one of {@link #SUCCEEDED}, {@link #FAILED}, {@link #REJECTED}, {@link #SKIPPED_CIRCUIT_OPEN}
 * @param errorCode the provider error code; null unless failed or rejected
 */
public record Attempt(String providerId, String outcome, String errorCode, long latencyMs, long costMicros,
                      Instant startedAt) {
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
    public static final String SKIPPED_CIRCUIT_OPEN = "skipped_circuit_open";
    private static final Set<String> OUTCOMES = Set.of(SUCCEEDED, FAILED, REJECTED, SKIPPED_CIRCUIT_OPEN);

    public Attempt {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(startedAt, "startedAt");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("unknown outcome " + outcome);
        }
        if (latencyMs < 0 || costMicros < 0) {
            throw new IllegalArgumentException("latency and cost must not be negative");
        }
    }

    public static Attempt succeeded(String providerId, long latencyMs, long costMicros, Instant startedAt) {
        return new Attempt(providerId, SUCCEEDED, null, latencyMs, costMicros, startedAt);
    }

    /** Failed, or rejected when the error is a content verdict. */
    public static Attempt failed(String providerId, ProviderException error, long latencyMs, long costMicros,
                                 Instant startedAt) {
        return new Attempt(providerId, ErrorKinds.isRejection(error) ? REJECTED : FAILED, error.code(), latencyMs,
                costMicros, startedAt);
    }

    public static Attempt skippedCircuitOpen(String providerId, Instant at) {
        return new Attempt(providerId, SKIPPED_CIRCUIT_OPEN, null, 0, 0, at);
    }
}
