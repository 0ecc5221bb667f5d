package org.aisora.core.internal.routing;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.aisora.api.provider.ProviderException;

/**
 * Decides what follows a failed provider call. Stateless apart from the settings; it never sleeps, the
 * caller waits the returned delay (and should check the job deadline and the breaker before retrying).
 *
 * <ul>
 * <li>{@code CONTENT_POLICY}, {@code output_rejected}, {@code moderation_unavailable}: STOP. Another vendor
 * would not make the prompt acceptable, and the core's moderation is the same for all.</li>
 * <li>{@code AUTH_FAILED}, {@code INVALID_REQUEST}, {@code INVALID_OUTPUT}: NEXT_PROVIDER. Retrying this
 * vendor gives the same answer; another may accept the request or answer properly.</li>
 * <li>Anything the adapter marked retryable ({@code UNAVAILABLE}, {@code TIMEOUT}, {@code RATE_LIMITED},
 * or an unknown retryable code): RETRY_SAME until {@code maxAttemptsPerProvider} calls were made, then
 * NEXT_PROVIDER. The wait is the vendor's {@code Retry-After} cut to {@code maxRetryAfter}, else backoff.</li>
 * <li>A transient code the adapter marked not retryable (say a submit that may have gone through):
 * NEXT_PROVIDER, so this vendor is not charged twice; so is any other unknown code.</li>
 * </ul>
 */
public final class RetryPlan {
    private final RetrySettings settings;
    private final Backoff backoff;

    public RetryPlan(RetrySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.backoff = new Backoff(settings.baseDelay(), settings.maxDelay(), random);
    }

    /**
     * @param attempt the calls made to this provider for this job, the failed one included (1 after the first)
     */
    public RetryDecision decide(int attempt, ProviderException error) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        if (ErrorKinds.endsJob(error)) {
            return RetryDecision.stop();
        }
        if (ErrorKinds.wrongProvider(error) || !error.retryable() || attempt >= settings.maxAttemptsPerProvider()) {
            return RetryDecision.nextProvider();
        }
        return RetryDecision.retryAfter(error.retryAfter()
                .map(this::capped)
                .orElseGet(() -> backoff.delay(attempt)));
    }

    public RetrySettings settings() {
        return settings;
    }

    private Duration capped(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
    }
}
