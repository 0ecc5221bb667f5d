package org.aisora.core.internal.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * @param failureThreshold consecutive transient failures that open the breaker
 * @param openFor          the cool-down before a trial call is let through
 * @param trialTimeout     a trial nobody reported back on after this long is presumed lost, and the next
 *                         caller gets the trial instead; keep it above the job timeout
 */
public record BreakerSettings(int failureThreshold, Duration openFor, Duration trialTimeout) {
    public BreakerSettings {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        requirePositive(openFor, "openFor");
        requirePositive(trialTimeout, "trialTimeout");
    }

    public static BreakerSettings defaults() {
        return new BreakerSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(6));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
