package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.service.AttemptView;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.openai.internal.OpenAiImagesConfig;
import org.aisora.providers.openai.internal.OpenAiImagesProvider;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fallback and the circuit breaker with a real vendor adapter (OpenAI Images) talking to a loopback
 * server that answers 500, ranked above the built-in provider: jobs succeed on the built-in one, every
 * call is recorded, and once the circuit opens the vendor is not called at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FallbackFlowTest {
    private TestPlatform platform;
    private FakeVendor vendor;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("signup_grant_credits", 1000L));
        vendor = new FakeVendor();
        vendor.on("POST /v1/images/generations", Reply.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        OpenAiImagesProvider openai = new OpenAiImagesProvider(TestConfig.of(OpenAiImagesConfig.class, Map.of(
                "_api_key", "sk-test", "base_url", vendor.baseUrl(), "sizes", new String[] {"512x512"},
                "request_timeout_ms", 5000)));
        platform.plugins().providers.add(openai, Map.of("service.ranking", 10));
        Map<String, Object> routing = new HashMap<>(Map.of("retry_max_attempts", 2, "retry_base_ms", 1,
                "retry_max_ms", 5, "breaker_failures", 4, "breaker_open_seconds", 600));
        platform.registry.modified(TestConfig.of(PluginChoices.class, routing));
    }

    @AfterAll
    void stop() throws Exception {
        vendor.close();
        platform.close();
    }

    private GenerationView run(Caller caller) throws InterruptedException {
        GenerationView job = platform.generations.submit(caller,
                new GenerationSubmission("text-to-image", "a lighthouse", null, null, 512, 512, null, 7L, null), null);
        platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
        return platform.generations.get(caller, job.id());
    }

    private static List<String> outcomes(GenerationView job) {
        return job.attempts().stream().map(a -> a.provider() + ":" + a.outcome()
                + (a.errorCode() == null ? "" : ":" + a.errorCode())).toList();
    }

    @Test
    @Order(1)
    void aFailingVendorFallsBackRecordsEveryCallAndOpensItsCircuit() throws Exception {
        Caller ann = platform.register("f" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");

        GenerationView first = run(ann);
        assertEquals("succeeded", first.status(), String.valueOf(first.error()));
        assertEquals("builtin", first.provider(), "the provider that made the output");
        assertEquals(List.of("openai:failed:provider_unavailable", "openai:failed:provider_unavailable",
                "builtin:succeeded"), outcomes(first));
        AttemptView vendorCall = first.attempts().get(0);
        assertEquals("OpenAI", vendorCall.vendor(), "the third-party record names who saw the prompt");
        assertEquals(null, first.attempts().get(2).vendor(), "the built-in provider is no third party");
        assertEquals(2, vendor.requests("POST /v1/images/generations").size());
        assertEquals(List.of("hold", "hold", "capture"), first.credits().stream().map(c -> c.kind()).toList(),
                "the job shows its own ledger entries: the hold (off the balance, onto reserved), then its capture");

        GenerationView second = run(ann);
        assertEquals("succeeded", second.status());
        assertEquals(4, vendor.requests("POST /v1/images/generations").size(), "four failures open the circuit");

        GenerationView third = run(ann);
        assertEquals("succeeded", third.status());
        assertEquals(List.of("openai:skipped_circuit_open", "builtin:succeeded"), outcomes(third));
        assertEquals(4, vendor.requests("POST /v1/images/generations").size(), "an open circuit is not called");
        assertEquals(1000 - 3 * first.cost(), platform.credits.summary(ann, 0, 10).balance(),
                "each job charged once, whatever the attempts");
    }

    @Test
    @Order(2)
    void aPinnedFailingVendorEndsTheJobAndReleasesItsCredits() throws Exception {
        Caller bob = platform.register("p" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
        GenerationView job = platform.generations.submit(bob,
                new GenerationSubmission("text-to-image", "pinned", null, null, 512, 512, null, 7L, "openai"), null);
        platform.await(bob, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
        GenerationView done = platform.generations.get(bob, job.id());
        assertEquals("failed", done.status());
        assertEquals(1000, platform.credits.summary(bob, 0, 10).balance());
    }

    /**
     * An async vendor task (Runway) whose provider is removed while it runs: the job is handed to the
     * next capable provider once; pinned to the removed one, it fails with provider_removed, credits back.
     */
    @Test
    @Order(3)
    void aProviderRemovedMidTaskHandsTheJobOnOrEndsItProviderRemoved() throws Exception {
        FakeVendor runwayApi = new FakeVendor();
        try {
            runwayApi.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"task-1\"}"));
            runwayApi.on("GET /v1/tasks/task-1", Reply.json(200, "{\"id\":\"task-1\",\"status\":\"RUNNING\"}"));
            Caller cy = platform.register("r" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
            for (String pin : new String[] {null, "runway"}) {
                org.aisora.providers.runway.internal.RunwayProvider runway = new org.aisora.providers.runway.internal.RunwayProvider(
                        TestConfig.of(org.aisora.providers.runway.internal.RunwayProviderConfig.class, Map.of(
                                "_api_key", "key_test", "base_url", runwayApi.baseUrl(),
                                // Runway's terms let it train on content: only an agreement lets a job reach it
                                "training_agreement", "no-training")));
                platform.plugins().providers.add(runway, Map.of("service.ranking", 20));
                int polls = runwayApi.requests("GET /v1/tasks").size();
                GenerationView job = platform.generations.submit(cy, new GenerationSubmission("text-to-video", "a kite",
                        null, null, 320, 320, 5, 3L, pin), null);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (runwayApi.requests("GET /v1/tasks").size() == polls && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(runwayApi.requests("GET /v1/tasks").size() > polls, "the task was never polled at Runway");
                platform.plugins().providers.remove(runway); // the bundle goes away while its task runs
                platform.await(cy, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
                GenerationView done = platform.generations.get(cy, job.id());
                if (pin == null) {
                    assertEquals("succeeded", done.status(), String.valueOf(done.error()));
                    assertEquals(List.of("runway:failed:provider_removed", "builtin:succeeded"), outcomes(done));
                } else {
                    assertEquals("failed", done.status());
                    assertEquals("provider_removed", done.error().code());
                    assertEquals(List.of("runway:failed:provider_removed"), outcomes(done));
                }
            }
            assertEquals(1000 - 5L * 5, platform.credits.summary(cy, 0, 10).balance(),
                    "one 320x320 5 s clip charged, the removed pinned one released");
        } finally {
            runwayApi.close();
        }
    }
}
