package org.aisora.providers.openai.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.testing.Configs;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiImagesProviderTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] WEBP = "RIFF\u0010\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    private static final String GENERATIONS = "POST /v1/images/generations";
    private static final String EDITS = "POST /v1/images/edits";

    private final FakeVendor openai = OpenAiImagesProviderTest.start();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void statesThatApiContentIsNotUsedForTrainingAndCitesTheDataUsagePolicy() {
        org.aisora.api.provider.TrainingUse training = provider(Map.of()).training();
        assertEquals(org.aisora.api.provider.TrainsOnContent.NO, training.trainsOnContent());
        assertTrue(training.source().contains("https://openai.com/policies/api-data-usage-policies"));
        assertTrue(training.routable(), "no agreement needed");
    }

    @Test
    void textToImagePostsTheDocumentedJsonAndReturnsTheDecodedImage() throws Exception {
        openai.on(GENERATIONS, Reply.json(200, images(PNG)));
        OpenAiImagesProvider provider = provider(Map.of());

        ProviderTask task = provider.submit(request(GenerationType.TEXT_TO_IMAGE, 1024, 1536, null));

        assertEquals(ProviderTask.Status.SUCCEEDED, task.status());
        assertEquals("image/png", task.outputs().get(0).contentType());
        assertArrayEquals(PNG, task.outputs().get(0).open().readAllBytes());
        FakeVendor.Request sent = openai.requests().get(0);
        assertEquals("/v1/images/generations", sent.path());
        assertEquals("Bearer sk-test", sent.header("Authorization"));
        assertEquals("application/json", sent.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertEquals("gpt-image-1", body.path("model").asText());
        assertEquals("a lighthouse at dusk\n\nAvoid: people", body.path("prompt").asText());
        assertEquals(1, body.path("n").asInt());
        assertEquals("1024x1536", body.path("size").asText());
        assertEquals("medium", body.path("quality").asText());
        assertFalse(body.has("response_format"), "gpt-image-1 rejects response_format");
        assertEquals(task, provider.poll(task.taskId()));
        assertEquals(63_000, provider.costMicros(request(GenerationType.TEXT_TO_IMAGE, 1024, 1536, null)));
    }

    @Test
    void dallEAsksForBase64AndTheTypeComesFromTheBytes() throws Exception {
        openai.on(GENERATIONS, Reply.json(200, images(WEBP)));
        OpenAiImagesProvider provider = provider(Map.of("model", "dall-e-3", "quality", "",
                "sizes", new String[] {"1024x1024", "1792x1024"}));

        ProviderTask task = provider.submit(request(GenerationType.TEXT_TO_IMAGE, 1792, 1024, null));

        assertEquals("image/webp", task.outputs().get(0).contentType());
        JsonNode body = new ObjectMapper().readTree(openai.requests().get(0).body());
        assertEquals("b64_json", body.path("response_format").asText());
        assertFalse(body.has("quality"));
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE), provider.capabilities().types(), "dall-e-3 has no edits");
        assertEquals(1792, provider.capabilities().maxWidth());
        assertEquals(1024, provider.capabilities().maxHeight());
    }

    @Test
    void imageToImageSendsTheInputAsAMultipartFile() throws Exception {
        openai.on(EDITS, Reply.json(200, images(JPEG)));
        OpenAiImagesProvider provider = provider(Map.of());
        byte[] input = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, (byte) 0xfe};

        ProviderTask task = provider.submit(request(GenerationType.IMAGE_TO_IMAGE, 1024, 1024, input));

        assertEquals("image/jpeg", task.outputs().get(0).contentType());
        assertArrayEquals(JPEG, task.outputs().get(0).open().readAllBytes());
        FakeVendor.Request sent = openai.requests().get(0);
        assertEquals("/v1/images/edits", sent.path());
        assertEquals("Bearer sk-test", sent.header("Authorization"));
        assertTrue(sent.header("Content-Type").startsWith("multipart/form-data; boundary="));
        String form = new String(sent.body(), StandardCharsets.ISO_8859_1);
        assertTrue(form.contains("name=\"model\"\r\n\r\ngpt-image-1\r\n"), form);
        assertTrue(form.contains("name=\"prompt\"\r\n\r\na lighthouse at dusk\n\nAvoid: people\r\n"), form);
        assertTrue(form.contains("name=\"size\"\r\n\r\n1024x1024\r\n"), form);
        assertTrue(form.contains("name=\"n\"\r\n\r\n1\r\n"), form);
        assertTrue(form.contains("name=\"image\"; filename=\"input.png\"\r\nContent-Type: image/png\r\n\r\n"
                + new String(input, StandardCharsets.ISO_8859_1) + "\r\n"), form);
        assertFalse(form.contains("response_format"));
    }

    @Test
    void unauthorizedIsFinalAndTakesTheProviderOfflineUntilReconfigured() {
        openai.on(GENERATIONS, Reply.json(401, error("Incorrect API key provided: sk-test", "invalid_request_error",
                "invalid_api_key")));
        OpenAiImagesProvider provider = provider(Map.of());
        assertEquals(PluginHealth.online(), provider.health());

        ProviderException e = failure(provider, GenerationType.TEXT_TO_IMAGE, null);

        assertEquals(ProviderException.AUTH_FAILED, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("sk-test"));
        assertEquals(PluginHealth.offline("api key refused"), provider.health());
        assertEquals(PluginHealth.online(), provider(Map.of("_api_key", "sk-new")).health());
    }

    @Test
    void rateLimitIsRetryableAfterTheVendorsWait() {
        openai.on(GENERATIONS, Reply.json(429, error("Rate limit reached", "requests", "rate_limit_exceeded"))
                .withHeader("Retry-After", "7"));

        ProviderException e = failure(provider(Map.of()), GenerationType.TEXT_TO_IMAGE, null);

        assertEquals(ProviderException.RATE_LIMITED, e.code());
        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void exhaustedQuotaIsFinalNotARateLimit() {
        openai.on(GENERATIONS, Reply.json(429, error("You exceeded your current quota", "insufficient_quota",
                "insufficient_quota")));
        OpenAiImagesProvider provider = provider(Map.of());

        ProviderException e = failure(provider, GenerationType.TEXT_TO_IMAGE, null);

        assertEquals("provider_quota_exceeded", e.code());
        assertFalse(e.retryable());
        assertEquals(PluginHealth.online(), provider.health(), "the key itself is fine");
    }

    @Test
    void serverErrorIsRetryable() {
        openai.on(GENERATIONS, Reply.json(500, error("The server had an error", "server_error", null)));

        ProviderException e = failure(provider(Map.of()), GenerationType.TEXT_TO_IMAGE, null);

        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void safetyRefusalsInEachOfOpenAisShapesAreContentPolicy() {
        String message = "Your request was rejected as a result of our safety system. a lighthouse at dusk";
        for (String body : List.of(error(message, "invalid_request_error", "content_policy_violation"),
                error(message, "image_generation_user_error", "moderation_blocked"),
                error(message, "image_generation_user_error", null))) {
            try (FakeVendor vendor = start()) {
                vendor.on(EDITS, Reply.json(400, body));
                ProviderException e = failure(provider(vendor, Map.of()), GenerationType.IMAGE_TO_IMAGE, PNG);
                assertEquals(ProviderException.CONTENT_POLICY, e.code(), body);
                assertFalse(e.retryable());
                assertFalse(e.getMessage().contains("lighthouse"), "the vendor's text may quote the prompt");
            }
        }
    }

    @Test
    void anOrdinaryBadRequestIsNotMistakenForAPolicyRefusal() {
        openai.on(GENERATIONS, Reply.json(400, error("Invalid value: '1024x1536'.", "invalid_request_error",
                "invalid_value")));

        assertEquals(ProviderException.INVALID_REQUEST,
                failure(provider(Map.of()), GenerationType.TEXT_TO_IMAGE, null).code());
    }

    @Test
    void malformedOrIncompleteAnswersAreInvalidOutput() {
        for (String body : List.of("{\"data\":[{\"b64_json\":", "{\"created\":1,\"data\":[]}",
                "{\"created\":1,\"data\":[{\"url\":\"https://example.invalid/x.png\"}]}",
                "{\"created\":1,\"data\":[{\"b64_json\":\"%%%not base64%%%\"}]}")) {
            try (FakeVendor vendor = start()) {
                vendor.on(GENERATIONS, Reply.json(200, body));
                ProviderException e = failure(provider(vendor, Map.of()), GenerationType.TEXT_TO_IMAGE, null);
                assertEquals(ProviderException.INVALID_OUTPUT, e.code(), body);
                assertFalse(e.retryable());
            }
        }
    }

    @Test
    void base64ThatIsNotAnImageIsInvalidOutput() {
        openai.on(GENERATIONS, Reply.json(200, images("<html>not an image</html>".getBytes(StandardCharsets.UTF_8))));

        ProviderException e = failure(provider(Map.of()), GenerationType.TEXT_TO_IMAGE, null);

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertTrue(e.getMessage().contains("not a PNG, JPEG or WebP"), e.getMessage());
    }

    @Test
    void aSlowVendorTimesOut() {
        openai.on(GENERATIONS, Reply.json(200, images(PNG)).delayed(2_000));
        long start = System.nanoTime();

        ProviderException e = failure(provider(Map.of("request_timeout_ms", 300)), GenerationType.TEXT_TO_IMAGE, null);

        assertEquals(ProviderException.TIMEOUT, e.code());
        assertTrue(e.retryable());
        assertTrue(System.nanoTime() - start < 1_800_000_000L, "gave up at the configured timeout");
    }

    @Test
    void aSizeOutsideTheConfiguredListIsRefusedWithoutACall() {
        OpenAiImagesProvider provider = provider(Map.of());

        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(request(GenerationType.TEXT_TO_IMAGE, 1024, 1792, null)));

        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertFalse(e.retryable());
        assertTrue(openai.requests().isEmpty());
        assertEquals(1536, provider.capabilities().maxWidth());
        assertEquals(1536, provider.capabilities().maxHeight());
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_IMAGE),
                provider.capabilities().types());
    }

    @Test
    void aFullGateRefusesAtOnceAsRateLimited() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the first call stays in flight until the second one has been refused
        openai.on(GENERATIONS, FakeVendor.heldUntil(release, Reply.json(200, images(PNG))));
        OpenAiImagesProvider provider = provider(Map.of("max_concurrency", 1));
        AtomicReference<Object> firstResult = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                firstResult.set(provider.submit(request(GenerationType.TEXT_TO_IMAGE, 1024, 1024, null)).status());
            } catch (ProviderException e) {
                firstResult.set(e);
            }
        });
        first.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (openai.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, openai.requests().size(), "the first call reached OpenAI");

        ProviderException e = failure(provider, GenerationType.TEXT_TO_IMAGE, null);
        release.countDown();

        assertEquals(ProviderException.RATE_LIMITED, e.code());
        assertTrue(e.retryable());
        first.join();
        assertEquals(ProviderTask.Status.SUCCEEDED, firstResult.get(), "the call in flight is not disturbed");
        assertEquals(1, openai.requests().size());
    }

    @Test
    void withoutAKeyTheProviderIsOfflineAndCallsNobody() {
        OpenAiImagesProvider provider = provider(Map.of("_api_key", " "));

        assertEquals(PluginHealth.offline("no api key"), provider.health());
        assertEquals(ProviderException.AUTH_FAILED, failure(provider, GenerationType.TEXT_TO_IMAGE, null).code());
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void configurationProblemsDegradeHealthAndUnknownTasksAreRefused() {
        OpenAiImagesProvider provider = provider(Map.of("sizes", new String[] {"1024x1024", "huge"},
                "prices", new String[] {"text-to-image=oops"}));

        PluginHealth health = provider.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("huge") && health.reason().contains("oops"), health.reason());
        assertEquals(ProviderException.INVALID_REQUEST,
                assertThrows(ProviderException.class, () -> provider.poll("openai-nope-1")).code());
        assertEquals("OpenAI", provider.thirdParty().orElseThrow().vendor());
        assertFalse(provider.thirdParty().orElseThrow().deletable());
        assertNotNull(provider.thirdParty().orElseThrow().statedRetention());
    }

    @Test
    void aCommaSeparatedCfgValueIsSeveralEntries() {
        OpenAiImagesProvider provider = provider(Map.of("sizes", new String[] {"256x256, 512x512"},
                "prices", new String[] {"text-to-image:512x512=18000, text-to-image=16000"}));

        assertEquals(PluginHealth.online(), provider.health());
        assertEquals(512, provider.capabilities().maxWidth());
        assertEquals(18_000, provider.costMicros(request(GenerationType.TEXT_TO_IMAGE, 512, 512, null)));
        assertEquals(16_000, provider.costMicros(request(GenerationType.TEXT_TO_IMAGE, 256, 256, null)));
    }

    private OpenAiImagesProvider provider(Map<String, Object> overrides) {
        return provider(openai, overrides);
    }

    static OpenAiImagesProvider provider(FakeVendor vendor, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", "sk-test", "base_url", vendor.baseUrl(),
                "spool_dir", OpenAiSpoolTest.SHARED_SPOOL.toString()));
        values.putAll(overrides);
        return new OpenAiImagesProvider(Configs.of(OpenAiImagesConfig.class, values));
    }

    private static ProviderException failure(OpenAiImagesProvider provider, GenerationType type, byte[] input) {
        return assertThrows(ProviderException.class, () -> provider.submit(request(type, 1024, 1024, input)));
    }

    static GenerationRequest request(GenerationType type, int width, int height, byte[] input) {
        return new GenerationRequest("job1", type, "a lighthouse at dusk", "people", width, height, 0, 42,
                input == null ? null : media(input));
    }

    static String images(byte[] image) {
        return "{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(image)
                + "\"}],\"usage\":{\"total_tokens\":100}}";
    }

    static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private static MediaInput media(byte[] bytes) {
        return new MediaInput() {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public int width() {
                return 1024;
            }

            @Override
            public int height() {
                return 1024;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static FakeVendor start() {
        try {
            return new FakeVendor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
