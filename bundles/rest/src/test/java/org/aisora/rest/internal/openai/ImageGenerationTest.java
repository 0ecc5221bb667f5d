package org.aisora.rest.internal.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ErrorView;
import org.aisora.api.service.GenerationView;
import org.aisora.rest.internal.app.JsonProvider;
import org.junit.jupiter.api.Test;

class ImageGenerationTest {
    private static final Caller ANN = new Caller("acc-1", "ann@example.org", "user");
    private static final URI BASE = URI.create("http://aisora.test:8181/openai/v1/");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    private final FakeCore core = new FakeCore();
    /** A fake monotonic clock that only sleeping moves. */
    private long now = 1_000_000_000L;
    private long slept;

    private ImageGeneration generation(Duration wait) {
        return new ImageGeneration(core.generations, core.media, wait, Duration.ofSeconds(3600), () -> now, millis -> {
            slept += millis;
            now += millis * 1_000_000L;
        });
    }

    private static ImagePlan plan(String json) throws Exception {
        return ImageRequests.plan(JsonProvider.mapper().readValue(json, ImageRequest.class), Set.of("builtin"));
    }

    @Test
    void waitsForTheJobThenReturnsTheStoredBytesAsBase64() throws Exception {
        core.script.add(FakeCore.job("running", List.of()));
        core.script.add(FakeCore.job("succeeded", List.of(FakeCore.image("m1", "image/png"))));
        core.bytes.put("m1", PNG);
        ImagesResponse r = generation(Duration.ofSeconds(120))
                .generate(ANN, plan("{\"prompt\":\"a red kite\",\"model\":\"builtin\",\"size\":\"512x256\"}"), "k-1", BASE);

        assertEquals(1, core.submitted.size());
        assertEquals("text-to-image", core.submitted.get(0).type());
        assertEquals("a red kite", core.submitted.get(0).prompt());
        assertEquals(512, core.submitted.get(0).width());
        assertEquals(256, core.submitted.get(0).height());
        assertEquals("builtin", core.submitted.get(0).provider());
        assertEquals("k-1", core.submittedKeys.get(0));
        assertEquals(2, core.reads);
        assertEquals(FakeCore.CREATED.getEpochSecond(), r.created());
        assertEquals(1, r.data().size());
        assertArrayEquals(PNG, Base64.getDecoder().decode(r.data().get(0).b64Json()));
        assertNull(r.data().get(0).url());
        assertEquals("{\"created\":" + FakeCore.CREATED.getEpochSecond() + ",\"data\":[{\"b64_json\":\""
                + Base64.getEncoder().encodeToString(PNG) + "\"}]}", JsonProvider.mapper().writeValueAsString(r));
        assertTrue(core.canceled.isEmpty());
    }

    @Test
    void urlFormatIsAnAbsoluteSignedUrlUnderTheMainApi() throws Exception {
        core.script.add(FakeCore.job("succeeded", List.of(FakeCore.image("m2", "image/png"))));
        ImagesResponse r = generation(Duration.ofSeconds(120))
                .generate(ANN, plan("{\"prompt\":\"p\",\"response_format\":\"url\"}"), null, BASE);
        assertEquals("http://aisora.test:8181/api/v1/media/m2/content?expires=99&sig=s1g", r.data().get(0).url());
        assertNull(r.data().get(0).b64Json());
        assertEquals(List.of(Duration.ofSeconds(3600)), core.signedTtls);
        assertEquals("{\"created\":" + FakeCore.CREATED.getEpochSecond()
                + ",\"data\":[{\"url\":\"http://aisora.test:8181/api/v1/media/m2/content?expires=99&sig=s1g\"}]}",
                JsonProvider.mapper().writeValueAsString(r));
    }

    @Test
    void theMainApiBaseIsFoundNextToOurs() {
        assertEquals("http://h:1/api/v1", ImageGeneration.apiBase(URI.create("http://h:1/openai/v1/")));
        assertEquals("http://h:1/api/v1", ImageGeneration.apiBase(URI.create("http://h:1/openai/v1")));
        assertEquals("https://h/gw/api/v1", ImageGeneration.apiBase(URI.create("https://h/gw/openai/v1/")));
        assertEquals("http://h/api/v1", ImageGeneration.apiBase(URI.create("http://h/elsewhere/")));
    }

    @Test
    void aJobStillRunningAtTheDeadlineIsCanceledAndAnswered503WithoutRetry() throws Exception {
        core.script.add(FakeCore.job("running", List.of()));
        OpenAiError e = assertThrows(OpenAiException.class, () -> generation(Duration.ofSeconds(5))
                .generate(ANN, plan("{\"prompt\":\"p\"}"), null, BASE)).error();
        assertEquals(503, e.status());
        assertEquals("generation_timeout", e.code());
        assertFalse(e.retryable());
        assertEquals(List.of("job-1"), core.canceled);
        assertEquals(5000, slept, "it waits exactly the configured time");
        assertTrue(core.reads >= 5 && core.reads <= 12, "polls back off to 1 s: " + core.reads);
    }

    @Test
    void aJobThatSucceedsWhileBeingCanceledIsStillDelivered() throws Exception {
        core.script.add(FakeCore.job("running", List.of()));
        core.finishedBeforeCancel = FakeCore.job("succeeded", List.of(FakeCore.image("m3", "image/png")));
        core.bytes.put("m3", PNG);
        ImagesResponse r = generation(Duration.ofSeconds(2)).generate(ANN, plan("{\"prompt\":\"p\"}"), null, BASE);
        assertArrayEquals(PNG, Base64.getDecoder().decode(r.data().get(0).b64Json()));
        assertEquals(List.of("job-1"), core.canceled);
    }

    @Test
    void aRejectedPromptIsAContentPolicyViolation() throws Exception {
        core.script.add(new GenerationView("job-1", "text-to-image", "rejected", "p", 1024, 1024, 1, null, 20, List.of(),
                new ErrorView("prompt_rejected", "the prompt was rejected by moderation (moderation-test)"),
                FakeCore.CREATED, null, FakeCore.CREATED, null));
        OpenAiError e = assertThrows(OpenAiException.class, () -> generation(Duration.ofSeconds(120))
                .generate(ANN, plan("{\"prompt\":\"aisora-moderation-test\"}"), null, BASE)).error();
        assertEquals(400, e.status());
        assertEquals("content_policy_violation", e.code());
        assertTrue(e.message().contains("moderation-test"), e.message());
        assertTrue(core.canceled.isEmpty());
    }

    @Test
    void whatTheCoreRefusesAtSubmitPassesThroughToTheMapper() throws Exception {
        InsufficientCreditsException broke = new InsufficientCreditsException(20, 5);
        core.onSubmit = broke;
        ImageGeneration g = generation(Duration.ofSeconds(120));
        ImagePlan p = plan("{\"prompt\":\"p\"}");
        assertSame(broke, assertThrows(InsufficientCreditsException.class, () -> g.generate(ANN, p, null, BASE)));
        assertEquals(0, core.reads);
        assertEquals(429, OpenAiErrors.of(broke).status());
    }

    @Test
    void aJobWithoutAnImageOutputIsAServerError() throws Exception {
        core.script.add(FakeCore.job("succeeded", List.of(FakeCore.image("v1", "video/mp4"))));
        OpenAiError e = assertThrows(OpenAiException.class, () -> generation(Duration.ofSeconds(120))
                .generate(ANN, plan("{\"prompt\":\"p\"}"), null, BASE)).error();
        assertEquals(500, e.status());
        assertEquals("server_error", e.type());
    }
}
