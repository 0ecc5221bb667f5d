package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.core.internal.TestConfig;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.runway.internal.RunwayProvider;
import org.aisora.providers.runway.internal.RunwayProviderConfig;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The policy's "we do not use your content to train models": a provider whose vendor may train on content
 * ({@code yes}) or does not say ({@code unknown}) is never called unless its configuration records a
 * no-training agreement; then it is. Vendor doubles ranked above the built-in provider count their calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingFlowTest {
    private TestPlatform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("signup_grant_credits", 1000L));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private Caller someone() {
        return platform.register("t" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private GenerationView run(Caller caller, String type, int duration, String pinned) throws InterruptedException {
        GenerationView job = platform.generations.submit(caller, new GenerationSubmission(type, "a lighthouse", null,
                null, 320, 320, duration == 0 ? null : duration, 7L, pinned), null);
        platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
        return platform.generations.get(caller, job.id());
    }

    private static VendorDouble vendor(String id, TrainsOnContent stance, String agreement) {
        return new VendorDouble(id, TrainingUse.stated(stance, "the double's stated terms", agreement));
    }

    @Test
    void aVendorThatTrainsOrDoesNotSayIsNeverCalledWithoutAnAgreement() throws Exception {
        Caller ann = someone();
        for (TrainsOnContent stance : List.of(TrainsOnContent.YES, TrainsOnContent.UNKNOWN)) {
            VendorDouble vendor = vendor("trains-" + stance.wireName(), stance, "");
            platform.plugins().providers.add(vendor, Map.of("service.ranking", 50));
            try {
                GenerationView job = run(ann, "text-to-image", 0, null);
                assertEquals("succeeded", job.status(), String.valueOf(job.error()));
                assertEquals("builtin", job.provider(), "the job falls back to a provider that does not train");
                assertEquals(List.of("builtin"), job.attempts().stream().map(a -> a.provider()).toList(),
                        "the vendor is not even attempted");

                AisoraException pinned = assertThrows(AisoraException.class, () -> platform.generations.submit(ann,
                        new GenerationSubmission("text-to-image", "pinned", null, null, 320, 320, null, 7L,
                                vendor.id()), null));
                assertEquals(AisoraException.Kind.UNPROCESSABLE, pinned.kind());
                assertEquals("no_training_safe_provider", pinned.code());
                assertEquals(0, vendor.submits(), stance + ": the vendor never saw a prompt");
            } finally {
                platform.plugins().providers.remove(vendor);
            }
        }
    }

    @Test
    void withOnlyVendorsThatTrainTheJobFailsNoTrainingSafeProviderAndIsNotCharged() throws Exception {
        Caller bob = someone();
        VendorDouble vendor = vendor("trains-only", TrainsOnContent.YES, "none");
        platform.plugins().providers.remove(platform.builtin);
        platform.plugins().providers.add(vendor, Map.of());
        try {
            GenerationView job = run(bob, "text-to-image", 0, null);
            assertEquals("failed", job.status());
            assertEquals("no_training_safe_provider", job.error().code());
            assertTrue(job.error().message().contains("trains-only"), job.error().message());
            assertEquals(0, vendor.submits());
            assertEquals(1000, platform.credits.summary(bob, 0, 10).balance(), "the hold is released");
        } finally {
            platform.plugins().providers.remove(vendor);
            platform.plugins().providers.add(platform.builtin, Map.of());
        }
    }

    @Test
    void withANoTrainingAgreementTheVendorIsCalled() throws Exception {
        Caller cy = someone();
        VendorDouble trains = vendor("trains-agreed", TrainsOnContent.YES, " No-Training ");
        VendorDouble unknown = vendor("unknown-agreed", TrainsOnContent.UNKNOWN, "no-training");
        platform.plugins().providers.add(trains, Map.of("service.ranking", 50));
        platform.plugins().providers.add(unknown, Map.of("service.ranking", 40));
        try {
            GenerationView first = run(cy, "text-to-image", 0, null);
            assertEquals("succeeded", first.status(), String.valueOf(first.error()));
            assertEquals("trains-agreed", first.provider());
            assertEquals(1, trains.submits());

            GenerationView pinned = run(cy, "text-to-image", 0, "unknown-agreed");
            assertEquals("succeeded", pinned.status(), String.valueOf(pinned.error()));
            assertEquals("unknown-agreed", pinned.provider());
            assertEquals(1, unknown.submits());
        } finally {
            platform.plugins().providers.remove(trains);
            platform.plugins().providers.remove(unknown);
        }
    }

    /** The real Runway adapter on a loopback API: its own terms say yes, so only its agreement lets a job out. */
    @Test
    void runwayIsCalledOnlyWithTheAgreementOnItsAccountConfiguration() throws Exception {
        try (FakeVendor api = new FakeVendor()) {
            api.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"task-1\"}"));
            api.on("GET /v1/tasks/task-1", Reply.json(200,
                    "{\"id\":\"task-1\",\"status\":\"FAILED\",\"failureCode\":\"INTERNAL.BAD_OUTPUT\"}"));
            Caller dee = someone();
            for (String agreement : new String[] {"", "no-training"}) {
                RunwayProvider runway = new RunwayProvider(TestConfig.of(RunwayProviderConfig.class, Map.of(
                        "_api_key", "key_test", "base_url", api.baseUrl(), "training_agreement", agreement)));
                platform.plugins().providers.add(runway, Map.of("service.ranking", 20));
                try {
                    GenerationView job = run(dee, "text-to-video", 5, null);
                    assertEquals("succeeded", job.status(), String.valueOf(job.error()));
                    assertEquals("builtin", job.provider());
                    List<String> tried = job.attempts().stream().map(a -> a.provider()).toList();
                    if (agreement.isEmpty()) {
                        assertEquals(List.of("builtin"), tried);
                        assertEquals(0, api.requests("POST /v1/text_to_video").size(), "Runway never saw the prompt");
                    } else {
                        assertEquals(List.of("runway", "builtin"), tried, "called, then its failure fell back");
                        assertEquals(1, api.requests("POST /v1/text_to_video").size());
                    }
                } finally {
                    platform.plugins().providers.remove(runway);
                }
            }
        }
    }

    @Test
    void thePluginViewShowsWhatEachProviderStatesAndWhetherItIsRouted() throws Exception {
        try (FakeVendor api = new FakeVendor()) {
            RunwayProvider runway = new RunwayProvider(TestConfig.of(RunwayProviderConfig.class, Map.of(
                    "_api_key", "key_test", "base_url", api.baseUrl())));
            VendorDouble agreed = vendor("unknown-agreed", TrainsOnContent.UNKNOWN, "no-training");
            platform.plugins().providers.add(runway, Map.of());
            platform.plugins().providers.add(agreed, Map.of());
            try {
                Map<String, PluginInfo> byId = new java.util.HashMap<>();
                platform.registry.plugins().forEach(p -> byId.put(p.family() + "/" + p.id(), p));

                PluginInfo.Training builtin = byId.get(PluginFamily.PROVIDER + "/builtin").training();
                assertEquals("no", builtin.trainsOnContent());
                assertTrue(builtin.routed());
                assertTrue(builtin.source().contains("without the network"), builtin.source());

                PluginInfo.Training rw = byId.get(PluginFamily.PROVIDER + "/runway").training();
                assertEquals(new PluginInfo.Training("yes", rw.source(), "none", false), rw);
                assertTrue(rw.source().contains("https://runwayml.com/terms-of-use"), rw.source());

                assertEquals(new PluginInfo.Training("unknown", "the double's stated terms", "no-training", true),
                        byId.get(PluginFamily.PROVIDER + "/unknown-agreed").training());
                assertNull(byId.get(PluginFamily.STORAGE + "/filesystem").training(), "only providers state it");
                assertFalse(byId.isEmpty());
            } finally {
                platform.plugins().providers.remove(runway);
                platform.plugins().providers.remove(agreed);
            }
        }
    }
}
