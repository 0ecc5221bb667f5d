package org.aisora.policies.strict.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Duration;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.policy.ArtifactKind;
import org.junit.jupiter.api.Test;

class StrictPolicyTest {
    private static StrictPolicyConfig hours(int h) {
        return new StrictPolicyConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StrictPolicyConfig.class;
            }

            @Override
            public int retention_hours() {
                return h;
            }
        };
    }

    @Test
    void everyPlanAndKindGetsTheSameShortRetention() {
        StrictPolicy policy = new StrictPolicy(hours(24));
        for (String plan : new String[] {"free", "pro", "enterprise"}) {
            for (ArtifactKind kind : ArtifactKind.values()) {
                assertEquals(Duration.ofHours(24), policy.retention(plan, kind), plan + " " + kind);
            }
        }
        assertEquals(PluginHealth.online().status(), policy.health().status());
    }

    @Test
    void aBadValueFallsBackTo24HoursAndShowsInHealth() {
        for (int bad : new int[] {0, -5, 721}) {
            StrictPolicy policy = new StrictPolicy(hours(bad));
            assertEquals(Duration.ofHours(24), policy.retention("pro", ArtifactKind.GENERATED_OUTPUT));
            assertEquals(PluginHealth.degraded("x").status(), policy.health().status(), "value " + bad);
        }
        StrictPolicy policy = new StrictPolicy(hours(0));
        policy.modified(hours(2));
        assertEquals(Duration.ofHours(2), policy.retention("free", ArtifactKind.THUMBNAIL));
        assertEquals(PluginHealth.online().status(), policy.health().status());
    }
}
