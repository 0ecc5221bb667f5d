package org.aisora.moderation.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiModerationEngineTest {
    private static final String MODERATIONS = "POST /v1/moderations";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    private final FakeVendor openai = start();

    @AfterEach
    void stop() {
        openai.close();
    }

    @Test
    void flaggedTextNamesTheFlaggedCategoriesOnly() throws Exception {
        openai.on(MODERATIONS, Reply.json(200, result(true, Map.of("violence", true, "harassment", false,
                "self-harm/intent", true), Map.of("violence", 0.93, "harassment", 0.2, "self-harm/intent", 0.71))));

        ModerationVerdict verdict = engine(Map.of()).moderateText("how to hurt someone badly");

        assertTrue(verdict.flagged());
        assertEquals(List.of("self-harm/intent", "violence"), verdict.categories());
        assertFalse(verdict.reason().contains("hurt"), "the verdict never carries the input");
        FakeVendor.Request sent = openai.requests().get(0);
        assertEquals("/v1/moderations", sent.path());
        assertEquals("Bearer sk-test", sent.header("Authorization"));
        assertEquals("application/json", sent.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(sent.body());
        assertEquals("omni-moderation-latest", body.path("model").asText());
        assertEquals("how to hurt someone badly", body.path("input").asText());
    }

    @Test
    void itClassifiesImagesSoVendorProvidersMayBeUsed() {
        assertTrue(engine(Map.of()).classifiesImages());
    }

    @Test
    void cleanTextIsAllowed() {
        openai.on(MODERATIONS, Reply.json(200, result(false, Map.of("violence", false, "sexual", false),
                Map.of("violence", 0.01, "sexual", 0.002))));

        assertEquals(ModerationVerdict.allow(), engine(Map.of()).moderateText("a lighthouse at dusk"));
        assertEquals(1, openai.requests().size());
    }

    @Test
    void configuredThresholdsOnlyAddFlags() {
        openai.on(MODERATIONS, Reply.json(200, result(false, Map.of("violence", false, "harassment", false),
                Map.of("violence", 0.45, "harassment", 0.39))));

        ModerationVerdict verdict = engine(Map.of("thresholds", new String[] {"violence=0.4, harassment=0.4"}))
                .moderateText("a duel at dawn");

        assertEquals(List.of("violence"), verdict.categories());
    }

    @Test
    void anImageIsSentAsABase64DataUrl() throws Exception {
        openai.on(MODERATIONS, Reply.json(200, result(true, Map.of("sexual", true), Map.of("sexual", 0.97))));

        ModerationVerdict verdict = engine(Map.of()).moderateImage(new ByteArrayInputStream(PNG), "image/png");

        assertEquals(List.of("sexual"), verdict.categories());
        JsonNode body = new ObjectMapper().readTree(openai.requests().get(0).body());
        assertEquals("omni-moderation-latest", body.path("model").asText());
        JsonNode input = body.path("input");
        assertEquals(1, input.size());
        assertEquals("image_url", input.path(0).path("type").asText());
        assertEquals("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG),
                input.path(0).path("image_url").path("url").asText());
    }

    @Test
    void anImageOverTheCapOrNotAnImageIsRefusedWithoutACall() {
        OpenAiModerationEngine engine = engine(Map.of("max_image_mb", 1));

        assertThrows(IOException.class,
                () -> engine.moderateImage(new ByteArrayInputStream(new byte[1024 * 1024 + 1]), "image/png"));
        assertThrows(IOException.class, () -> engine.moderateImage(new ByteArrayInputStream(PNG), "video/mp4"));
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void aRefusedKeyFailsClosedAndTakesTheEngineOffline() {
        openai.on(MODERATIONS, Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        OpenAiModerationEngine engine = engine(Map.of());

        RuntimeException e = assertThrows(RuntimeException.class, () -> engine.moderateText("hello"));

        assertTrue(e.getMessage().contains("(auth_refused)"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-test"));
        assertEquals(PluginHealth.offline("api key refused"), engine.health());
        assertThrows(IOException.class, () -> engine.moderateImage(new ByteArrayInputStream(PNG), "image/png"));
    }

    @Test
    void aServerErrorFailsClosedForTextAndImages() {
        openai.on(MODERATIONS, Reply.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        OpenAiModerationEngine engine = engine(Map.of());

        RuntimeException text = assertThrows(RuntimeException.class, () -> engine.moderateText("hello"));
        IOException image = assertThrows(IOException.class,
                () -> engine.moderateImage(new ByteArrayInputStream(PNG), "image/png"));

        assertTrue(text.getMessage().startsWith("OpenAI moderation gave no verdict"), text.getMessage());
        assertTrue(image.getMessage().contains("(unavailable)"), image.getMessage());
        assertEquals(PluginHealth.online(), engine.health(), "an outage is not a bad key");
    }

    @Test
    void malformedOrShapelessAnswersAreNoVerdict() {
        for (String body : List.of("{\"results\":[{\"flagged\":", "{\"id\":\"modr-1\",\"results\":[]}",
                "{\"results\":[{\"flagged\":\"no\",\"categories\":{}}]}", "[]")) {
            try (FakeVendor vendor = start()) {
                vendor.on(MODERATIONS, Reply.json(200, body));
                assertThrows(RuntimeException.class, () -> engine(vendor, Map.of()).moderateText("hello"), body);
            }
        }
    }

    @Test
    void aSlowVendorIsNoVerdict() {
        openai.on(MODERATIONS, Reply.json(200, result(false, Map.of(), Map.of())).delayed(2_000));

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> engine(Map.of("request_timeout_ms", 300)).moderateText("hello"));

        assertTrue(e.getMessage().contains("(timeout)"), e.getMessage());
    }

    @Test
    void withoutAKeyTheEngineIsOfflineRefusesAndCallsNobody() {
        OpenAiModerationEngine engine = engine(Map.of("_api_key", ""));

        assertEquals(PluginHealth.offline("no api key"), engine.health());
        assertThrows(RuntimeException.class, () -> engine.moderateText("hello"));
        assertEquals(ModerationVerdict.allow(), engine.moderateText(" "), "nothing to check needs no vendor");
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void badThresholdsDegradeHealth() {
        OpenAiModerationEngine engine = engine(Map.of("thresholds", new String[] {"violence=2", "hate=0.5"},
                "id", "openai-eu"));

        assertEquals(PluginHealth.Status.DEGRADED, engine.health().status());
        assertTrue(engine.health().reason().contains("violence=2"), engine.health().reason());
        assertEquals("openai-eu", engine.id());
    }

    private OpenAiModerationEngine engine(Map<String, Object> overrides) {
        return engine(openai, overrides);
    }

    private static OpenAiModerationEngine engine(FakeVendor vendor, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", "sk-test", "base_url", vendor.baseUrl()));
        values.putAll(overrides);
        return new OpenAiModerationEngine(Configs.of(OpenAiModerationConfig.class, values));
    }

    private static String result(boolean flagged, Map<String, Boolean> categories, Map<String, Double> scores) {
        try {
            ObjectMapper json = new ObjectMapper();
            return "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":" + flagged
                    + ",\"categories\":" + json.writeValueAsString(categories)
                    + ",\"category_scores\":" + json.writeValueAsString(scores) + "}]}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeVendor start() {
        try {
            return new FakeVendor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void promptsAndImagesGoToOpenAiAsItsStatedRetentionSays() {
        org.aisora.api.plugin.DataTransfer transfer = engine(Map.of()).dataTransfer().orElseThrow();
        assertEquals("OpenAI", transfer.vendor());
        assertEquals(List.of("prompts", "generated images"), transfer.dataCategories());
        assertTrue(transfer.statedRetention().contains("30 days"), transfer.statedRetention());
    }
}
