package org.aisora.policies.standard.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.policy.ArtifactKind;
import org.junit.jupiter.api.Test;

class StandardPolicyTest {
    @Test
    void defaultsAreSevenAndThirtyDaysForEveryKind() {
        StandardPolicy policy = policy(Map.of());
        assertEquals("standard", policy.id());
        assertEquals(PluginHealth.online(), policy.health());
        assertEquals(13, policy.minimumAge());
        assertEquals("2026-11-01", policy.currentVersion());
        for (ArtifactKind kind : ArtifactKind.values()) {
            assertEquals(Duration.ofDays(7), policy.retention("free", kind));
            assertEquals(Duration.ofDays(30), policy.retention("pro", kind));
        }
    }

    @Test
    void unknownOrMissingPlansGetFreeRetention() {
        StandardPolicy policy = policy(Map.of());
        assertEquals(Duration.ofDays(7), policy.retention("enterprise", ArtifactKind.GENERATED_OUTPUT));
        assertEquals(Duration.ofDays(7), policy.retention(null, ArtifactKind.GENERATED_OUTPUT));
        assertEquals(Duration.ofDays(30), policy.retention(" PRO ", ArtifactKind.GENERATED_OUTPUT));
    }

    @Test
    void configuredValuesAreRespected() {
        StandardPolicy policy = policy(Map.of("minimum_age", 16, "policy_version", "2027-01-15",
                "free_retention_days", 3, "pro_retention_days", 90,
                "kind_days", new String[] {"operational_log=180", " Thumbnail = 1 "}));
        assertEquals(PluginHealth.online(), policy.health());
        assertEquals(16, policy.minimumAge());
        assertEquals("2027-01-15", policy.currentVersion());
        assertEquals(Duration.ofDays(3), policy.retention("free", ArtifactKind.ORIGINAL_UPLOAD));
        assertEquals(Duration.ofDays(90), policy.retention("pro", ArtifactKind.ORIGINAL_UPLOAD));
        assertEquals(Duration.ofDays(180), policy.retention("free", ArtifactKind.OPERATIONAL_LOG));
        assertEquals(Duration.ofDays(1), policy.retention("pro", ArtifactKind.THUMBNAIL));
    }

    @Test
    void invalidValuesDegradeAndFallBackToSafeDefaults() {
        StandardPolicy policy = policy(Map.of("minimum_age", -1, "policy_version", " ",
                "free_retention_days", -5, "pro_retention_days", -1,
                "kind_days", new String[] {"thumbnail", "nonsense=3", "rendition=-2", "usage_event=x", "export_file=2"}));
        PluginHealth health = policy.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        for (String name : new String[] {"minimum.age", "policy.version", "free.retention.days", "pro.retention.days",
            "'thumbnail'", "'nonsense=3'", "'rendition=-2'", "'usage_event=x'"}) {
            assertTrue(health.reason().contains(name), name + " in " + health.reason());
        }
        assertEquals(13, policy.minimumAge());
        assertEquals("2026-11-01", policy.currentVersion());
        assertEquals(Duration.ofDays(7), policy.retention("free", ArtifactKind.RENDITION));
        assertEquals(Duration.ofDays(30), policy.retention("pro", ArtifactKind.RENDITION));
        assertEquals(Duration.ofDays(2), policy.retention("pro", ArtifactKind.EXPORT_FILE));
    }

    @Test
    void modifiedAppliesInPlace() {
        StandardPolicy policy = policy(Map.of("free_retention_days", -1));
        policy.modified(Configs.of(StandardPolicyConfig.class, Map.of("free_retention_days", 14)));
        assertEquals(PluginHealth.online(), policy.health());
        assertEquals(Duration.ofDays(14), policy.retention("free", ArtifactKind.THUMBNAIL));
    }

    private static StandardPolicy policy(Map<String, Object> values) {
        return new StandardPolicy(Configs.of(StandardPolicyConfig.class, values));
    }
}
