package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.StatsView;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.analytics.AnalyticsServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Analytics on the real stores: daily counters derived from jobs and uploads, a cell made by fewer
 * than k users withheld, counters that outlive the records once rolled up, and metrics in Prometheus'
 * text format with no personal data in them.
 */
abstract class AnalyticsFlowContract {
    private TestPlatform platform;
    private MutableClock clock;
    private RetentionSweeper sweeper;
    private AnalyticsServiceImpl analytics;

    abstract TestStores database();

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        clock = new MutableClock(Instant.now());
        sweeper = new RetentionSweeper(platform.db.retention(), platform.db.usage(), platform.registry,
                platform.vendorQueue,
                TestConfig.of(RetentionConfiguration.class, Map.of()),
                TestConfig.plans(Map.of("plans", new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE})),
                clock, null);
        analytics = new AnalyticsServiceImpl(platform.db.usage(), sweeper,
                platform.registry, platform.moderationCounters,
                TestConfig.of(org.aisora.core.internal.analytics.AnalyticsConfiguration.class, Map.of("analytics_k", 3)), clock,
                null);
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    private Caller user() {
        return platform.register("a" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private GenerationView generate(Caller c, String prompt) throws Exception {
        GenerationView job = platform.generations.submit(c, new GenerationSubmission("text-to-image", prompt, null, null,
                64, 64, null, null, null), null);
        return platform.await(c, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
    }

    private static StatsView.Row row(StatsView stats, String feature, String outcome) {
        return stats.rows().stream().filter(r -> r.feature().equals(feature) && r.outcome().equals(outcome))
                .findFirst().orElse(null);
    }

    @Test
    void cellsOfFewerThanKUsersAreWithheldAndCountersOutliveTheirRecords() throws Exception {
        List<Caller> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(user());
            generate(users.get(i), "a lighthouse " + i);
            generate(users.get(i), "a harbour " + i);
        }
        Caller lone = user(); // the only one who uploads and the only one whose prompt is refused
        byte[] png = MediaFlowContract.png(32, 32);
        platform.media.upload(lone, new ByteArrayInputStream(png), "image/png", png.length);
        assertEquals("rejected", generate(lone, "how to kill a process").status());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StatsView live = analytics.stats(today, today);
        StatsView.Row made = row(live, "generation", "succeeded");
        assertEquals(6, made.events());
        assertEquals(3, made.users());
        assertEquals("text-to-image", made.type());
        assertEquals("builtin", made.provider());
        assertEquals(null, row(live, "upload", "ready"), "one uploader: withheld");
        assertEquals(null, row(live, "generation", "rejected"), "one refused user: withheld");
        assertEquals(2, live.suppressed());

        clock.set(Instant.now().plus(Duration.ofDays(1)));
        assertEquals(1, analytics.rollUp(), "today, once it is over");
        assertEquals(0, analytics.rollUp(), "a day is rolled up once");
        platform.db.queryLong("SELECT COUNT(*) FROM jobs"); // the records may go now...
        clock.set(Instant.now().plus(Duration.ofDays(10)));
        sweeper.run(false);
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs"), "the job logs expired and were swept");
        StatsView rolled = analytics.stats(today, today);
        assertEquals(6, row(rolled, "generation", "succeeded").events(), "...the counters stay");
        assertEquals(2, rolled.suppressed());
    }

    @Test
    void usersWhoOptedOutAreNeverCounted() throws Exception {
        org.aisora.core.internal.accounts.ProfileServiceImpl profiles = new org.aisora.core.internal.accounts
                .ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, new RecordingOutbox(), platform.reauth, clock);
        List<Caller> counted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counted.add(user());
            generate(counted.get(i), "a meadow " + i);
        }
        Caller out = user();
        profiles.setPreferences(out, new org.aisora.api.service.Preferences(true, false, false));
        generate(out, "a meadow too");
        generate(out, "a meadow again");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StatsView.Row live = row(analytics.stats(today, today), "generation", "succeeded");
        assertEquals(3, live.events(), "the opted-out user's two jobs are not counted");
        assertEquals(3, live.users());
        clock.set(Instant.now().plus(Duration.ofDays(1)));
        analytics.rollUp();
        StatsView.Row rolled = row(analytics.stats(today, today), "generation", "succeeded");
        assertEquals(3, rolled.events(), "nor in the rolled-up day");
        assertEquals(3, rolled.users());
    }

    @Test
    void metricsAreInPrometheusTextFormatWithoutPersonalData() throws Exception {
        Caller ann = user();
        GenerationView job = generate(ann, "a secret garden");
        sweeper.run(false);
        String text = analytics.prometheus();
        assertTrue(text.contains("# TYPE aisora_jobs gauge"), text);
        assertTrue(text.contains("aisora_jobs{status=\"succeeded\"} 1"), text);
        assertTrue(text.contains("aisora_plugin_up{family=\"PROVIDER\",id=\"builtin\"} 1.0")
                || text.contains("aisora_plugin_up{family=\"provider\",id=\"builtin\"} 1.0"), text);
        assertTrue(text.contains("aisora_retention_last_sweep_timestamp_seconds "), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? -?[0-9.eE+-]+"), line);
        }
        for (String personal : new String[] {ann.email(), ann.accountId(), "secret garden", job.id()}) {
            assertFalse(text.contains(personal), personal);
        }
    }
}
