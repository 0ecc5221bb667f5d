package org.aisora.core.internal.retention;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.service.RetentionView;

/**
 * What users are shown about retention, asked of the active retention policy, the same object the sweeper
 * enforces: one source of truth for {@code GET /plans}, {@code GET /me} and {@code GET /subscription}.
 */
public final class RetentionTerms {
    private RetentionTerms() {
    }

    public static RetentionView of(Optional<RetentionPolicy> policy, String plan) {
        Map<String, Long> hours = new LinkedHashMap<>();
        policy.ifPresent(p -> {
            for (ArtifactKind kind : ArtifactKind.values()) {
                hours.put(kind.name().toLowerCase(Locale.ROOT), p.retention(plan, kind).toHours());
            }
        });
        return new RetentionView(policy.map(RetentionPolicy::id).orElse(null), plan, hours);
    }
}
