package org.aisora.core.internal.routing;

import org.aisora.core.internal.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);
    private static final Duration TRIAL_TIMEOUT = Duration.ofMinutes(6);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(clock, new BreakerSettings(3, OPEN_FOR, TRIAL_TIMEOUT));

    static ProviderException error(String code, boolean retryable) {
        return new ProviderException(code, "test", retryable);
    }

    private static ProviderException unavailable() {
        return error(ProviderException.UNAVAILABLE, true);
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveTransientFailures() {
        breaker.onFailure(unavailable());
        breaker.onFailure(error(ProviderException.RATE_LIMITED, true));
        assertEquals(BreakerState.CLOSED, breaker.state());
        assertTrue(breaker.allow());
        assertEquals("", breaker.reason());

        breaker.onFailure(error(ProviderException.TIMEOUT, true));
        assertEquals(BreakerState.OPEN, breaker.state());
        assertFalse(breaker.allow());
        assertFalse(breaker.available());
        assertEquals("3 consecutive failures, last provider_timeout", breaker.reason());
    }

    @Test
    void aSuccessOrAVendorAnswerBreaksTheStreak() {
        breaker.onFailure(unavailable());
        breaker.onFailure(unavailable());
        breaker.onSuccess();
        breaker.onFailure(unavailable());
        breaker.onFailure(unavailable());
        breaker.onFailure(error(ProviderException.CONTENT_POLICY, false)); // the vendor answered
        breaker.onFailure(unavailable());
        breaker.onFailure(unavailable());
        assertEquals(BreakerState.CLOSED, breaker.state());
        breaker.onFailure(unavailable());
        assertEquals(BreakerState.OPEN, breaker.state());
    }

    @Test
    void errorsThatAreNotTheVendorsTroubleNeverOpenIt() {
        for (int i = 0; i < 10; i++) {
            breaker.onFailure(error(ProviderException.CONTENT_POLICY, false));
            breaker.onFailure(error(ProviderException.INVALID_REQUEST, false));
            breaker.onFailure(error(ProviderException.INVALID_OUTPUT, false));
            breaker.onFailure(error(ErrorKinds.OUTPUT_REJECTED, false));
        }
        assertEquals(BreakerState.CLOSED, breaker.state());
    }

    @Test
    void unknownRetryableCodesAndUnretryableTransientCodesCount() {
        breaker.onFailure(error("vendor_overloaded", true));
        breaker.onFailure(error(ProviderException.TIMEOUT, false)); // a submit that may have gone through
        breaker.onFailure(error("vendor_overloaded", true));
        assertEquals(BreakerState.OPEN, breaker.state());
    }

    @Test
    void aRefusedKeyOpensAtOnce() {
        breaker.onFailure(error(ProviderException.AUTH_FAILED, false));
        assertEquals(BreakerState.OPEN, breaker.state());
        assertEquals("api key refused", breaker.reason());
        assertFalse(breaker.allow());
    }

    @Test
    void afterTheCoolDownOneTrialDecides() {
        openIt();
        clock.advance(OPEN_FOR.minusMillis(1));
        assertEquals(BreakerState.OPEN, breaker.state());
        assertFalse(breaker.allow());

        clock.advance(Duration.ofMillis(1));
        assertEquals(BreakerState.HALF_OPEN, breaker.state());
        assertTrue(breaker.available());
        assertTrue(breaker.available(), "peeking does not take the trial");
        assertTrue(breaker.allow());
        assertFalse(breaker.allow(), "one trial at a time");
        assertFalse(breaker.available());

        breaker.onSuccess();
        assertEquals(BreakerState.CLOSED, breaker.state());
        assertEquals("", breaker.reason());
        assertTrue(breaker.allow());
        assertTrue(breaker.allow());
    }

    @Test
    void aFailedTrialReopensForAFreshCoolDown() {
        CircuitBreaker patient = new CircuitBreaker(clock, new BreakerSettings(100, OPEN_FOR, TRIAL_TIMEOUT));
        patient.onFailure(error(ProviderException.AUTH_FAILED, false));
        clock.advance(OPEN_FOR);
        assertTrue(patient.allow());
        patient.onFailure(error(ProviderException.TIMEOUT, true)); // one failure is enough when half open
        assertEquals(BreakerState.OPEN, patient.state());
        assertEquals("trial call failed: provider_timeout", patient.reason());
        clock.advance(OPEN_FOR.minusMillis(1));
        assertFalse(patient.allow());
        clock.advance(Duration.ofMillis(1));
        assertTrue(patient.allow());
    }

    @Test
    void aReleasedOrLostTrialLetsTheNextCallerTry() {
        openIt();
        clock.advance(OPEN_FOR);
        assertTrue(breaker.allow());
        breaker.release(); // the job was canceled mid-call
        assertEquals(BreakerState.HALF_OPEN, breaker.state());
        assertTrue(breaker.allow());
        clock.advance(TRIAL_TIMEOUT.minusMillis(1));
        assertFalse(breaker.allow());
        clock.advance(Duration.ofMillis(1));
        assertTrue(breaker.allow(), "a trial nobody reported on is presumed lost");
        assertFalse(breaker.allow());
    }

    @Test
    void stragglersReportingWhileOpenChangeNothing() {
        openIt();
        clock.advance(Duration.ofSeconds(20));
        breaker.onFailure(unavailable()); // admitted before it opened; must not extend the cool-down
        breaker.onSuccess();
        assertEquals(BreakerState.OPEN, breaker.state());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(BreakerState.HALF_OPEN, breaker.state());
    }

    @Test
    void halfOpenAdmitsExactlyOneOfSixteenConcurrentCallers() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                openIt();
                clock.advance(OPEN_FOR);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return breaker.allow();
                    }));
                }
                int admitted = 0;
                for (Future<Boolean> call : calls) {
                    admitted += call.get() ? 1 : 0;
                }
                assertEquals(1, admitted, "round " + round);
                breaker.onSuccess();
                assertEquals(BreakerState.CLOSED, breaker.state());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void openIt() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure(unavailable());
        }
        assertEquals(BreakerState.OPEN, breaker.state());
    }
}
