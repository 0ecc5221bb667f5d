package org.aisora.providers.runway.internal;

import static org.aisora.providers.runway.internal.RunwayFixtures.KEY;
import static org.aisora.providers.runway.internal.RunwayFixtures.TASK;
import static org.aisora.providers.runway.internal.RunwayFixtures.config;
import static org.aisora.providers.runway.internal.RunwayFixtures.imageToVideo;
import static org.aisora.providers.runway.internal.RunwayFixtures.textToVideo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting tasks: the documented request shape, and how Runway's refusals reach the core. */
class RunwaySubmitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeVendor vendor;
    private RunwayProvider provider;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
        // submit never downloads; outputs stay https-only, as in production, so health starts ONLINE
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("allow_http_outputs", false)));
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void imageToVideoSendsTheDocumentedRequest() throws Exception {
        vendor.on("POST /v1/image_to_video", Reply.json(200, "{\"id\":\"" + TASK + "\"}"));

        ProviderTask task = provider.submit(imageToVideo(1920, 1080, 4, -1));

        assertEquals(ProviderTask.running(TASK), task);
        FakeVendor.Request sent = vendor.requests("POST /v1/image_to_video").get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        assertEquals("2024-11-06", sent.header("X-Runway-Version"));
        assertEquals("application/json", sent.header("Content-Type"));
        JsonNode body = JSON.readTree(sent.body());
        assertEquals("gen4_turbo", body.path("model").asText());
        assertEquals("the fox turns its head", body.path("promptText").asText());
        assertEquals("1280:720", body.path("ratio").asText(), "16:9 maps to Runway's 16:9 ratio");
        assertEquals(5, body.path("duration").asInt(), "4 s rounds up to the 5 s clip");
        assertEquals(4294967295L, body.path("seed").asLong(), "seed is unsigned 32-bit at Runway");
        String image = body.path("promptImage").asText();
        assertTrue(image.startsWith("data:image/png;base64,"), image.substring(0, 30));
        assertArrayEquals(RunwayFixtures.pngBytes(),
                Base64.getDecoder().decode(image.substring("data:image/png;base64,".length())));
        assertEquals(Set.of("model", "promptText", "promptImage", "ratio", "duration", "seed"),
                Set.copyOf(fieldNames(body)));
    }

    @Test
    void textToVideoUsesTheTextModelAndTheNearestRatio() throws Exception {
        vendor.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"" + TASK + "\"}"));

        provider.submit(textToVideo(720, 1280, 6));
        provider.submit(textToVideo(500, 520, 10));
        provider.submit(textToVideo(1024, 768, 1));

        var sent = vendor.requests("POST /v1/text_to_video");
        JsonNode portrait = JSON.readTree(sent.get(0).body());
        assertEquals("gen4.5", portrait.path("model").asText());
        assertEquals("waves at dawn", portrait.path("promptText").asText());
        assertEquals("720:1280", portrait.path("ratio").asText());
        assertEquals(10, portrait.path("duration").asInt(), "6 s rounds up to 10 s");
        assertTrue(portrait.path("promptImage").isMissingNode());
        assertEquals("960:960", JSON.readTree(sent.get(1).body()).path("ratio").asText());
        JsonNode fourThree = JSON.readTree(sent.get(2).body());
        assertEquals("1104:832", fourThree.path("ratio").asText());
        assertEquals(5, fourThree.path("duration").asInt());
        assertEquals("2024-11-06", sent.get(2).header("X-Runway-Version"));
    }

    @Test
    void configuredModelsRatiosAndVersionAreUsed() throws Exception {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("model", "gen3a_turbo", "api_version",
                "2025-01-01", "ratios", new String[] {"1280:768", "768:1280"}, "durations", new int[] {5, 10})));
        vendor.on("POST /v1/image_to_video", Reply.json(200, "{\"id\":\"" + TASK + "\"}"));

        provider.submit(imageToVideo(1000, 1000, 5, 7));

        FakeVendor.Request sent = vendor.requests().get(0);
        assertEquals("2025-01-01", sent.header("X-Runway-Version"));
        JsonNode body = JSON.readTree(sent.body());
        assertEquals("gen3a_turbo", body.path("model").asText());
        assertEquals("1280:768", body.path("ratio").asText(), "a tie goes to the first configured ratio");
        assertEquals(7, body.path("seed").asLong());
    }

    @Test
    void aDurationAboveTheLongestClipIsRefusedWithoutACall() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(imageToVideo(1280, 720, 11, 1)));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertFalse(e.retryable());
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void unsupportedInputsAndTypesAreRefusedWithoutACall() {
        GenerationRequest gif = new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p", null, 1280, 720, 5, 1,
                RunwayFixtures.image("image/gif", new byte[] {'G', 'I', 'F'}));
        GenerationRequest noInput = new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p", null, 1280, 720, 5,
                1);
        GenerationRequest image = new GenerationRequest("j", GenerationType.TEXT_TO_IMAGE, "p", null, 512, 512, 0, 1);
        GenerationRequest longPrompt = new GenerationRequest("j", GenerationType.TEXT_TO_VIDEO, "x".repeat(1001), null,
                1280, 720, 5, 1);
        for (GenerationRequest r : new GenerationRequest[] {gif, noInput, image, longPrompt}) {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(r));
            assertEquals(ProviderException.INVALID_REQUEST, e.code(), r.toString());
        }
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void anInputImageOverTheDataUriLimitIsRefused() {
        GenerationRequest big = new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p", null, 1280, 720, 5, 1,
                RunwayFixtures.image("image/jpeg", new byte[RunwayBodies.MAX_DATA_URI / 4 * 3]));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(big));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void unauthorizedMeansAuthFailedAndOfflineUntilReconfigured() {
        vendor.on("POST /v1/image_to_video", Reply.json(401, "{\"error\":\"Invalid API key\"}"));
        assertEquals(PluginHealth.online(), provider.health());

        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(imageToVideo(1280, 720, 5, 1)));

        assertEquals(ProviderException.AUTH_FAILED, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains(KEY));
        assertEquals(PluginHealth.offline("api key refused"), provider.health());
        provider.modified(config(vendor.baseUrl(), Map.of("_api_key", "key_new", "allow_http_outputs", false)));
        assertEquals(PluginHealth.online(), provider.health());
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        vendor.on("POST /v1/text_to_video",
                Reply.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "7"));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.RATE_LIMITED, e.code());
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertEquals(PluginHealth.Status.ONLINE, provider.health().status());
    }

    @Test
    void serverErrorIsUnavailableAndBadRequestIsInvalid() {
        vendor.on("POST /v1/text_to_video", Reply.json(500, "{}"), Reply.json(400, "{\"error\":\"bad ratio\"}"));
        ProviderException first = assertThrows(ProviderException.class,
                () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.UNAVAILABLE, first.code());
        assertTrue(first.retryable());
        ProviderException second = assertThrows(ProviderException.class,
                () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.INVALID_REQUEST, second.code());
        assertFalse(second.retryable());
    }

    @Test
    void aSlowAnswerIsATimeout() {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("request_timeout_ms", 300)));
        vendor.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"" + TASK + "\"}").delayed(2000));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.TIMEOUT, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void aMalformedTaskIdFromRunwayIsNotUsed() {
        vendor.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"../../admin\"}"));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
    }

    @Test
    void withoutAKeyNothingIsSent() {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("_api_key", " ")));
        assertEquals(PluginHealth.offline("no api key"), provider.health());
        ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(textToVideo(1280, 720, 5)));
        assertEquals(ProviderException.AUTH_FAILED, e.code());
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void identityCapabilitiesThirdPartyAndCost() {
        assertEquals("runway", provider.id());
        assertEquals(Set.of(GenerationType.IMAGE_TO_VIDEO, GenerationType.TEXT_TO_VIDEO),
                provider.capabilities().types());
        assertEquals(1280, provider.capabilities().maxWidth());
        assertEquals(1280, provider.capabilities().maxHeight());
        assertEquals(10, provider.capabilities().maxDurationSeconds());
        ThirdParty party = provider.thirdParty().orElseThrow();
        assertEquals("Runway", party.vendor());
        assertTrue(party.deletable());
        assertFalse(party.statedRetention().isBlank());
        assertEquals(5 * 50_000L, provider.costMicros(imageToVideo(1280, 720, 4, 1)), "billed for the 5 s clip");
        assertEquals(10 * 120_000L, provider.costMicros(textToVideo(1280, 720, 10)));
    }

    @Test
    void configurationProblemsDegradeHealth() {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("prices", new String[] {"video=lots"},
                "allow_http_outputs", false)));
        PluginHealth health = provider.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("video=lots"), health.reason());
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of()));
        assertEquals(PluginHealth.degraded("allow_http_outputs is on: outputs may be fetched without TLS"),
                provider.health());
        provider = new RunwayProvider(config("ftp://nowhere", Map.of()));
        assertEquals(PluginHealth.offline("base_url is not an absolute http(s) URL"), provider.health());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
