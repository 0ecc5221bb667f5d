package org.aisora.core.internal.routing;

import org.aisora.core.internal.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class BreakersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final Breakers breakers = new Breakers(clock,
            new BreakerSettings(2, Duration.ofSeconds(30), Duration.ofMinutes(6)));

    @Test
    void oneBreakerPerProviderUntilItIsForgotten() {
        CircuitBreaker openai = breakers.of("openai");
        breakers.of("stability");
        assertSame(openai, breakers.of("openai"));
        openai.onFailure(CircuitBreakerTest.error(ProviderException.AUTH_FAILED, false));
        assertEquals(Map.of("openai", BreakerState.OPEN, "stability", BreakerState.CLOSED),
                breakers.states());

        breakers.forget("openai"); // reconfigured with a new key
        CircuitBreaker fresh = breakers.of("openai");
        assertNotSame(openai, fresh);
        assertEquals(BreakerState.CLOSED, fresh.state());
    }

    @Test
    void newSettingsReachExistingBreakers() {
        CircuitBreaker replicate = breakers.of("replicate");
        breakers.configure(new BreakerSettings(1, Duration.ofSeconds(5), Duration.ofMinutes(6)));
        replicate.onFailure(CircuitBreakerTest.error(ProviderException.UNAVAILABLE, true));
        assertEquals(BreakerState.OPEN, replicate.state());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(BreakerState.HALF_OPEN, replicate.state());
    }

    @Test
    void statesAreSortedById() {
        breakers.of("z");
        breakers.of("a");
        breakers.of("m");
        assertEquals(List.of("a", "m", "z"), List.copyOf(breakers.states().keySet()));
    }
}
