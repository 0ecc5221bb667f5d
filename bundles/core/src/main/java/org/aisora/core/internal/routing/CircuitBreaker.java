package org.aisora.core.internal.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.aisora.api.provider.ProviderException;

/**
 * One provider's circuit breaker. Thread-safe (every method holds the instance lock briefly, never while
 * calling out); time only from the injected clock; the OPEN to HALF_OPEN step happens lazily when someone
 * looks, so it needs no timer.
 *
 * <p>Errors that are not the vendor's trouble (content policy, invalid request or output, the core's own
 * moderation) prove the vendor answered: they count as a sign of life like a success. Outcomes reported
 * while OPEN come from calls admitted before it opened and are ignored, except a refused key.
 */
public final class CircuitBreaker {
    private final Clock clock;
    private final Supplier<BreakerSettings> settings;

    private BreakerState state = BreakerState.CLOSED;
    private int failures;
    private Instant openUntil = Instant.MIN;
    private Instant trialStartedAt; // null while no trial call is out
    private String reason = "";

    public CircuitBreaker(Clock clock, BreakerSettings settings) {
        this(clock, () -> settings);
    }

    CircuitBreaker(Clock clock, Supplier<BreakerSettings> settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Asks to make a call now; never blocks. In HALF_OPEN only one caller at a time gets {@code true}, and
     * that caller must report back with {@link #onSuccess}, {@link #onFailure} or {@link #release}.
     */
    public synchronized boolean allow() {
        Instant now = clock.instant();
        advance(now);
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialOut(now)) {
                    yield false;
                }
                trialStartedAt = now;
                yield true;
            }
        };
    }

    /** Whether {@link #allow()} would say yes now, without taking the trial: for ordering candidates. */
    public synchronized boolean available() {
        Instant now = clock.instant();
        advance(now);
        return state == BreakerState.CLOSED || state == BreakerState.HALF_OPEN && !trialOut(now);
    }

    public synchronized void onSuccess() {
        advance(clock.instant());
        if (state != BreakerState.OPEN) {
            close();
        }
    }

    public synchronized void onFailure(ProviderException error) {
        advance(clock.instant());
        if (ErrorKinds.refusesKey(error)) {
            open("api key refused");
        } else if (state == BreakerState.OPEN) {
            return; // a straggler admitted before the breaker opened
        } else if (!ErrorKinds.countsAgainstProvider(error)) {
            close();
        } else if (state == BreakerState.HALF_OPEN) {
            open("trial call failed: " + error.code());
        } else if (++failures >= settings.get().failureThreshold()) {
            open(failures + " consecutive failures, last " + error.code());
        }
    }

    /** The admitted call ended without a verdict on the vendor (canceled, crashed on our side): frees the trial. */
    public synchronized void release() {
        trialStartedAt = null;
    }

    public synchronized BreakerState state() {
        advance(clock.instant());
        return state;
    }

    /** Why the breaker is not closed; empty when it is. */
    public synchronized String reason() {
        advance(clock.instant());
        return reason;
    }

    private void advance(Instant now) {
        if (state == BreakerState.OPEN && !now.isBefore(openUntil)) {
            state = BreakerState.HALF_OPEN;
            trialStartedAt = null;
        }
    }

    private boolean trialOut(Instant now) {
        return trialStartedAt != null && now.isBefore(trialStartedAt.plus(settings.get().trialTimeout()));
    }

    private void open(String why) {
        state = BreakerState.OPEN;
        openUntil = clock.instant().plus(settings.get().openFor());
        trialStartedAt = null;
        reason = why;
    }

    private void close() {
        state = BreakerState.CLOSED;
        failures = 0;
        trialStartedAt = null;
        reason = "";
    }
}
