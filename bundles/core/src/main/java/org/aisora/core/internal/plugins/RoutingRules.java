package org.aisora.core.internal.plugins;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.aisora.core.internal.routing.BreakerSettings;
import org.aisora.core.internal.routing.RetryPlan;
import org.aisora.core.internal.routing.RetrySettings;
import org.aisora.core.internal.routing.RoutingOrder;

/**
 * How jobs are routed, from {@link PluginChoices}: the per-type order, the retry plan and the breaker
 * settings. Out-of-range numbers fall back to the defaults and are reported as problems, never guessed.
 */
public record RoutingRules(RoutingOrder order, RetryPlan retries, BreakerSettings breakerSettings, String problems) {
    static RoutingRules of(PluginChoices c) {
        StringBuilder problems = new StringBuilder();
        RoutingOrder order = RoutingOrder.parse(c.routing());
        order.problems().forEach(p -> note(problems, p));
        RetrySettings retry = RetrySettings.defaults();
        BreakerSettings breaker = BreakerSettings.defaults();
        try {
            retry = new RetrySettings(c.retry_max_attempts(), Duration.ofMillis(c.retry_base_ms()),
                    Duration.ofMillis(c.retry_max_ms()), Duration.ofSeconds(c.retry_after_max_seconds()));
        } catch (IllegalArgumentException e) {
            note(problems, "retry settings: " + e.getMessage() + "; using defaults");
        }
        try {
            breaker = new BreakerSettings(c.breaker_failures(), Duration.ofSeconds(c.breaker_open_seconds()),
                    BreakerSettings.defaults().trialTimeout());
        } catch (IllegalArgumentException e) {
            note(problems, "breaker settings: " + e.getMessage() + "; using defaults");
        }
        return new RoutingRules(order, new RetryPlan(retry, RandomGenerator.getDefault()), breaker, problems.toString());
    }

    private static void note(StringBuilder problems, String problem) {
        problems.append(problems.length() == 0 ? "" : "; ").append(problem);
    }
}
