package org.aisora.core.internal.routing;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The circuit breakers of all providers, keyed by provider id; one is made on first use. */
public final class Breakers {
    private final Clock clock;
    private final Map<String, CircuitBreaker> byId = new ConcurrentHashMap<>();
    private volatile BreakerSettings settings;

    public Breakers(Clock clock, BreakerSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public CircuitBreaker of(String providerId) {
        return byId.computeIfAbsent(providerId, id -> new CircuitBreaker(clock, this::settings));
    }

    /** The provider left or was reconfigured (a new key deserves a fresh start). */
    public void forget(String providerId) {
        byId.remove(providerId);
    }

    /** New settings apply to every breaker from its next decision on; states are kept. */
    public void configure(BreakerSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
    }

    public BreakerSettings settings() {
        return settings;
    }

    /** A sorted snapshot for admin views. */
    public Map<String, BreakerState> states() {
        Map<String, BreakerState> out = new TreeMap<>();
        byId.forEach((id, breaker) -> out.put(id, breaker.state()));
        return out;
    }
}
