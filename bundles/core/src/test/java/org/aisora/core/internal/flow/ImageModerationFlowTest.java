package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.ServiceBusyException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.moderation.ModerationConfiguration;
import org.aisora.moderation.openai.internal.OpenAiModerationConfig;
import org.aisora.moderation.openai.internal.OpenAiModerationEngine;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Vendor providers and image moderation: with the rules engine only (no image classifier) and
 * {@code images.required} (the default), no job reaches a vendor: the built-in provider takes it, or the
 * request is refused 503 {@code image_moderation_unavailable}, or a job routed meanwhile fails with that code.
 * With {@code images.required=false} the vendor is used; with OpenAI's moderation engine (on a loopback port)
 * the vendor is used and its output is classified. Health for these cases: {@code ImageModerationHealthTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageModerationFlowTest {
    private static final String CLEAN = "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{"
            + "\"flagged\":false,\"categories\":{\"sexual\":false,\"violence\":false},"
            + "\"category_scores\":{\"sexual\":0.001,\"violence\":0.002}}]}";

    private TestPlatform platform;
    private VendorDouble vendor;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("signup_grant_credits", 1000L, "images_required", true));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @AfterEach
    void restore() {
        if (vendor != null) {
            platform.plugins().providers.remove(vendor);
        }
        platform.plugins().providers.add(platform.builtin, Map.of());
        required(true);
    }

    private void required(boolean required) {
        platform.imageModeration.modified(TestConfig.of(ModerationConfiguration.class,
                Map.of("images_required", required)));
    }

    private Caller someone() {
        return platform.register("i" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private VendorDouble installVendor() {
        vendor = new VendorDouble();
        platform.plugins().providers.add(vendor, Map.of("service.ranking", 50));
        return vendor;
    }

    private GenerationSubmission lighthouse(String pinned) {
        return new GenerationSubmission("text-to-image", "a lighthouse", null, null, 256, 256, null, 7L, pinned);
    }

    private GenerationView run(Caller caller, String pinned) throws InterruptedException {
        GenerationView job = platform.generations.submit(caller, lighthouse(pinned), null);
        return platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
    }

    @Test
    void withTheRulesEngineOnlyNoJobReachesTheVendor() throws Exception {
        Caller ann = someone();
        VendorDouble vendor = installVendor();

        GenerationView job = run(ann, null);
        assertEquals("succeeded", job.status(), String.valueOf(job.error()));
        assertEquals("builtin", job.provider(), "ranked first, and still passed over");
        assertEquals(List.of("builtin"), platform.generations.get(ann, job.id()).attempts().stream()
                .map(a -> a.provider()).toList());

        ServiceBusyException pinned = assertThrows(ServiceBusyException.class,
                () -> platform.generations.submit(ann, lighthouse(VendorDouble.ID), null));
        assertEquals(AisoraException.Kind.UNAVAILABLE, pinned.kind());
        assertEquals("image_moderation_unavailable", pinned.code());
        assertEquals(300, pinned.retryAfterSeconds());
        assertTrue(pinned.getMessage().contains("no installed moderation engine classifies images"), pinned.getMessage());

        long balance = platform.credits.summary(ann, 0, 10).balance();
        platform.plugins().providers.remove(platform.builtin);
        ServiceBusyException any = assertThrows(ServiceBusyException.class,
                () -> platform.generations.submit(ann, lighthouse(null), null));
        assertEquals("image_moderation_unavailable", any.code());
        assertEquals(balance, platform.credits.summary(ann, 0, 10).balance(), "refused before a hold");
        assertEquals(0, vendor.submits(), "the vendor never saw a prompt");
    }

    /** Submitted while it could be moderated, routed after: the dispatch refuses too, and the hold goes back. */
    @Test
    void aQueuedJobThatOnlyAVendorCouldTakeFailsWithTheCode() throws Exception {
        Caller bob = someone();
        VendorDouble vendor = installVendor();
        platform.plugins().providers.remove(platform.builtin);
        long balance = platform.credits.summary(bob, 0, 10).balance();
        String jobId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        platform.db.jobs().enqueue(new JobRecord(jobId, bob.accountId(), "text-to-image", "queued earlier", null,
                256, 256, 0, 3L, null, null, JobStatus.QUEUED, null, 5, null, null, now, null, null,
                now.plusSeconds(86400)), LedgerAccounts.hold(jobId, bob.accountId(), 5, now));

        GenerationView job = platform.await(bob, jobId, v -> !v.status().equals("queued") && !v.status().equals("running"));
        assertEquals("failed", job.status());
        assertEquals("image_moderation_unavailable", job.error().code());
        assertTrue(job.error().message().contains(VendorDouble.ID), job.error().message());
        assertEquals(0, vendor.submits());
        assertEquals(balance, platform.credits.summary(bob, 0, 10).balance(), "the hold is released");
    }

    @Test
    void withImagesNotRequiredTheVendorIsUsed() throws Exception {
        Caller cy = someone();
        VendorDouble vendor = installVendor();
        required(false);

        GenerationView job = run(cy, null);
        assertEquals("succeeded", job.status(), String.valueOf(job.error()));
        assertEquals(VendorDouble.ID, job.provider());
        assertEquals(1, vendor.submits());
    }

    @Test
    void withAnImageClassifierTheVendorIsUsedAndItsOutputClassified() throws Exception {
        try (FakeVendor openai = new FakeVendor()) {
            openai.on("POST /v1/moderations", request -> Reply.json(200, CLEAN));
            OpenAiModerationEngine classifier = new OpenAiModerationEngine(TestConfig.of(OpenAiModerationConfig.class,
                    Map.of("_api_key", "sk-test", "base_url", openai.baseUrl())));
            platform.plugins().moderation.add(classifier, Map.of());
            try {
                Caller dee = someone();
                VendorDouble vendor = installVendor();

                GenerationView job = run(dee, VendorDouble.ID);
                assertEquals("succeeded", job.status(), String.valueOf(job.error()));
                assertEquals(VendorDouble.ID, job.provider());
                assertEquals(1, vendor.submits());
                assertTrue(openai.requests("POST /v1/moderations").stream()
                        .anyMatch(r -> r.bodyText().contains("data:image/png;base64,")), "the output was classified");
            } finally {
                platform.plugins().moderation.remove(classifier);
            }
        }
    }
}
