package org.aisora.core.internal.routing;

/** Where a provider's circuit breaker stands. */
public enum BreakerState {
    /** Calls flow. */
    CLOSED,
    /** Calls are refused until the cool-down ends. */
    OPEN,
    /** The cool-down ended: one trial call at a time decides between closed and open. */
    HALF_OPEN
}
