package org.aisora.core.internal.audit;

import java.time.Duration;
import java.time.Instant;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.core.internal.plugins.PluginRegistry;

/**
 * When a security record of an account's plan expires. Records are written even while no retention
 * policy is active (a sign-in must not fail for it); they then get the shortest promise, the free plan's 7 days.
 */
public final class Expiry {
    public static final String FREE_PLAN = "free";
    static final Duration FALLBACK = Duration.ofDays(7);

    private Expiry() {
    }

    public static Instant of(PluginRegistry registry, String plan, ArtifactKind kind, Instant now) {
        String p = plan == null ? FREE_PLAN : plan;
        Duration keep = registry.retentionPolicy().map(r -> r.retention(p, kind)).orElse(FALLBACK);
        return now.plus(keep);
    }
}
