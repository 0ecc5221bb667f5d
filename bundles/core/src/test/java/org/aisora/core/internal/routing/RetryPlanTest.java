package org.aisora.core.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.aisora.api.provider.ProviderException;
import org.aisora.core.internal.routing.RetryDecision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPlanTest {
    private static final RetrySettings SETTINGS = new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    /** Answers every bounded draw with bound - 1 (the top of the range) and remembers the bound. */
    static final class TopOfRange implements RandomGenerator {
        long lastBound = -1;

        @Override
        public long nextLong() {
            throw new AssertionError("only bounded draws expected");
        }

        @Override
        public long nextLong(long bound) {
            lastBound = bound;
            return bound - 1;
        }
    }

    /** Fails the test when consulted: a Retry-After must be used as given. */
    static final class NoRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new AssertionError("no jitter expected");
        }
    }

    private static ProviderException error(String code, boolean retryable) {
        return new ProviderException(code, "test", retryable);
    }

    private static ProviderException rateLimited(Duration retryAfter) {
        return new ProviderException(ProviderException.RATE_LIMITED, "slow down", true, retryAfter);
    }

    @ParameterizedTest
    @ValueSource(strings = {ProviderException.CONTENT_POLICY, ErrorKinds.OUTPUT_REJECTED, ErrorKinds.MODERATION_UNAVAILABLE})
    void verdictsOnTheContentStopTheJob(String code) {
        RetryPlan plan = new RetryPlan(SETTINGS, new NoRandom());
        assertEquals(RetryDecision.stop(), plan.decide(1, error(code, false)));
        assertEquals(RetryDecision.stop(), plan.decide(1, error(code, true)), "the code wins over the flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {ProviderException.AUTH_FAILED, ProviderException.INVALID_REQUEST,
            ProviderException.INVALID_OUTPUT, "something_new"})
    void errorsOfThisProviderMoveOn(String code) {
        RetryPlan plan = new RetryPlan(SETTINGS, new NoRandom());
        assertEquals(RetryDecision.nextProvider(), plan.decide(1, error(code, false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {ProviderException.UNAVAILABLE, ProviderException.TIMEOUT, ProviderException.RATE_LIMITED,
            "vendor_overloaded"})
    void transientErrorsRetryTheSameProviderUpToTheLimit(String code) {
        RetryPlan plan = new RetryPlan(SETTINGS, new SplittableRandom(7));
        assertEquals(Action.RETRY_SAME, plan.decide(1, error(code, true)).action());
        assertEquals(Action.RETRY_SAME, plan.decide(2, error(code, true)).action());
        assertEquals(RetryDecision.nextProvider(), plan.decide(3, error(code, true)));
        assertEquals(RetryDecision.nextProvider(), plan.decide(1, error(code, false)),
                "the adapter said another call here is unsafe");
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheCapAndDrawsOverTheWholeRange() {
        TopOfRange top = new TopOfRange();
        RetryPlan plan = new RetryPlan(new RetrySettings(100, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(30)), top);
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 10000, 10000};
        for (int i = 0; i < ceilings.length; i++) {
            RetryDecision decision = plan.decide(i + 1, error(ProviderException.UNAVAILABLE, true));
            assertEquals(Duration.ofMillis(ceilings[i]), decision.delay(), "retry " + (i + 1));
            assertEquals(ceilings[i] + 1, top.lastBound, "full jitter draws from [0, ceiling]");
        }
        assertEquals(Duration.ofSeconds(10), plan.decide(99, error(ProviderException.TIMEOUT, true)).delay(),
                "no overflow far out");
    }

    @Test
    void jitterStaysWithinBoundsAndSpreadsOverThem() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new SplittableRandom(42));
        for (int retry = 1; retry <= 8; retry++) {
            long ceiling = backoff.ceiling(retry).toMillis();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                long d = backoff.delay(retry).toMillis();
                assertTrue(d >= 0 && d <= ceiling, d + " outside [0, " + ceiling + "]");
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            assertTrue(min < ceiling / 10, "draws reach the bottom of the range, min " + min);
            assertTrue(max > ceiling * 9 / 10, "draws reach the top of the range, max " + max);
        }
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO, new NoRandom()).delay(3));
    }

    @Test
    void aRetryAfterIsHonouredAsGivenAndCapped() {
        RetryPlan plan = new RetryPlan(SETTINGS, new NoRandom());
        assertEquals(RetryDecision.retryAfter(Duration.ofSeconds(7)), plan.decide(1, rateLimited(Duration.ofSeconds(7))));
        assertEquals(RetryDecision.retryAfter(Duration.ofSeconds(30)), plan.decide(2, rateLimited(Duration.ofMinutes(2))));
        assertEquals(RetryDecision.retryAfter(Duration.ZERO), plan.decide(1, rateLimited(Duration.ofSeconds(-5))));
        assertEquals(RetryDecision.nextProvider(), plan.decide(3, rateLimited(Duration.ofSeconds(1))),
                "the attempt limit still applies");
    }

    @Test
    void settingsAndAttemptsAreChecked() {
        RetryPlan plan = new RetryPlan(SETTINGS, new NoRandom());
        assertThrows(IllegalArgumentException.class, () -> plan.decide(0, error(ProviderException.TIMEOUT, true)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySettings(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySettings(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }
}
