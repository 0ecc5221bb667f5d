package org.aisora.core.internal.routing;

import java.time.Duration;
import java.util.Objects;

/** What to do after a failed provider call. {@code delay} is zero unless the action is {@code RETRY_SAME}. */
public record RetryDecision(Action action, Duration delay) {
    public enum Action {
        /** Wait {@code delay}, then call the same provider again. */
        RETRY_SAME,
        /** Give up on this provider for this job; try the next in the route, if any. */
        NEXT_PROVIDER,
        /** The job ends now, whatever providers remain. */
        STOP
    }

    public RetryDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(delay, "delay");
    }

    public static RetryDecision retryAfter(Duration delay) {
        return new RetryDecision(Action.RETRY_SAME, delay);
    }

    public static RetryDecision nextProvider() {
        return new RetryDecision(Action.NEXT_PROVIDER, Duration.ZERO);
    }

    public static RetryDecision stop() {
        return new RetryDecision(Action.STOP, Duration.ZERO);
    }
}
