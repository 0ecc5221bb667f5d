package org.aisora.core.internal.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * @param maxAttemptsPerProvider calls to one provider for one job, the first included
 * @param baseDelay              the backoff ceiling before the first retry; it doubles per retry
 * @param maxDelay               the largest backoff ceiling
 * @param maxRetryAfter          the longest vendor {@code Retry-After} we wait for; a longer one is cut to this
 */
public record RetrySettings(int maxAttemptsPerProvider, Duration baseDelay, Duration maxDelay,
                            Duration maxRetryAfter) {
    public RetrySettings {
        if (maxAttemptsPerProvider < 1) {
            throw new IllegalArgumentException("maxAttemptsPerProvider must be at least 1");
        }
        for (Duration d : new Duration[] {baseDelay, maxDelay, maxRetryAfter}) {
            if (Objects.requireNonNull(d, "durations").isNegative()) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be below baseDelay");
        }
    }

    public static RetrySettings defaults() {
        return new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
