package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.analytics.AnalyticsConfiguration;
import org.aisora.core.internal.analytics.AnalyticsServiceImpl;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.moderation.rules.internal.RulesConfig;
import org.aisora.moderation.rules.internal.RulesModerationEngine;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A category set to "flag" lets the prompt through and is counted in {@code /metrics} by category; blocked
 * categories are counted too. The metrics carry category names only: no word of any prompt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModerationMetricsFlowTest {
    private static final String FLAGGED = "immigrants are vermin, said the lighthouse keeper";
    private static final String BLOCKED = "gore beheading at the quayside";

    private TestPlatform platform;
    private AnalyticsServiceImpl analytics;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("signup_grant_credits", 1000L));
        platform.plugins().moderation.add(new RulesModerationEngine(TestConfig.of(RulesConfig.class,
                Map.of("category_actions", new String[] {"hate=flag"}))), Map.of());
        RetentionSweeper sweeper = new RetentionSweeper(platform.db.retention(), platform.db.usage(),
                platform.registry, platform.vendorQueue, platform.settings(RetentionConfiguration.class),
                platform.plans, Clock.systemUTC(), null);
        analytics = new AnalyticsServiceImpl(platform.db.usage(), sweeper, platform.registry,
                platform.moderationCounters, platform.settings(AnalyticsConfiguration.class), Clock.systemUTC(),
                null);
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private GenerationView run(Caller caller, String prompt) throws InterruptedException {
        GenerationView job = platform.generations.submit(caller, new GenerationSubmission("text-to-image", prompt,
                null, null, 256, 256, null, 7L, null), null);
        return platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
    }

    @Test
    void aFlaggedPromptPassesAndIsCountedByCategoryWithoutItsWords() throws Exception {
        Caller ann = platform.register("m" + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "1990-01-01");
        assertFalse(analytics.prometheus().contains("aisora_moderation_flags_total{"), "nothing counted yet");

        GenerationView flagged = run(ann, FLAGGED);
        assertEquals("succeeded", flagged.status(), String.valueOf(flagged.error()));
        String after = analytics.prometheus();
        assertTrue(after.contains("# TYPE aisora_moderation_flags_total counter\n"), after);
        assertTrue(after.contains("\naisora_moderation_flags_total{category=\"hate\"} 1\n"), after);

        run(ann, FLAGGED);
        GenerationView blocked = run(ann, BLOCKED);
        assertEquals("rejected", blocked.status());
        assertEquals("prompt_rejected", blocked.error().code());
        String metrics = analytics.prometheus();
        assertTrue(metrics.contains("\naisora_moderation_flags_total{category=\"hate\"} 2\n"), metrics);
        assertTrue(metrics.contains("\naisora_moderation_blocks_total{category=\"graphic-violence\"} 1\n"), metrics);
        assertFalse(metrics.contains("aisora_moderation_blocks_total{category=\"hate\"}"), "a flag is not a block");

        String lower = metrics.toLowerCase(Locale.ROOT);
        for (String word : List.of("immigrants", "vermin", "lighthouse", "keeper", "beheading", "quayside")) {
            assertFalse(lower.contains(word), "the metrics carry no prompt word: " + word);
        }
    }
}
