package org.aisora.rest.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.service.ErrorView;
import org.aisora.api.service.GenerationView;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
    private static GenerationView ended(String status, String code, String message) {
        return new GenerationView("j1", "text-to-image", status, "p", 64, 64, 1, "builtin", 5, List.of(),
                code == null ? null : new ErrorView(code, message), Instant.EPOCH, null, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void theBodyIsOpenAisShapeWithNullsWrittenOut() throws Exception {
        JsonNode body = new ObjectMapper().readTree(OpenAiErrors.missingKey().json());
        assertEquals(Set.of("error"), fields(body));
        JsonNode error = body.get("error");
        assertEquals(Set.of("message", "type", "param", "code"), fields(error));
        assertTrue(error.get("param").isNull());
        assertTrue(error.get("code").isNull());
        assertEquals("invalid_request_error", error.get("type").asText());
        assertTrue(error.get("message").asText().startsWith("You didn't provide an API key"));
    }

    @Test
    void anInvalidTokenIs401InvalidApiKey() {
        OpenAiError e = OpenAiErrors.invalidKey("the token is unknown or expired");
        assertEquals(401, e.status());
        assertEquals("invalid_api_key", e.code());
        assertFalse(e.retryable());
        assertEquals(401, OpenAiErrors.of(AisoraException.unauthorized("gone")).status());
        assertEquals("invalid_api_key", OpenAiErrors.of(AisoraException.unauthorized("gone")).code());
    }

    @Test
    void missingCreditsAreOpenAisInsufficientQuota429ThatSdksDoNotRetry() throws Exception {
        OpenAiError e = OpenAiErrors.of(new InsufficientCreditsException(80, 75));
        assertEquals(429, e.status());
        assertEquals("insufficient_quota", e.type());
        assertEquals("insufficient_quota", e.code());
        assertFalse(e.retryable());
        assertTrue(e.message().contains("80"), e.message());
        JsonNode error = new ObjectMapper().readTree(e.json()).get("error");
        assertEquals("insufficient_quota", error.get("code").asText());
    }

    @Test
    void coreValidationErrorsAre400WithTheParamTheyConcern() {
        OpenAiError size = OpenAiErrors.of(AisoraException.badRequest("invalid_size", "width must be between 64 and 2048"));
        assertEquals(400, size.status());
        assertEquals("invalid_request_error", size.type());
        assertEquals("size", size.param());
        assertEquals("invalid_size", size.code());
        assertEquals("width must be between 64 and 2048", size.message());
        assertEquals("prompt", OpenAiErrors.of(AisoraException.badRequest("invalid_prompt", "prompt is required")).param());
        OpenAiError incapable = OpenAiErrors.of(AisoraException.unprocessable("provider_incapable", "too big"));
        assertEquals(400, incapable.status());
        assertEquals("size", incapable.param());
    }

    @Test
    void otherKindsKeepTheirStatusAndOutagesAreServerErrors() {
        OpenAiError limited = OpenAiErrors.of(new AisoraException(AisoraException.Kind.RATE_LIMITED, "too_many", "slow"));
        assertEquals(429, limited.status());
        assertEquals("rate_limit_exceeded", limited.code());
        assertTrue(limited.retryable());
        OpenAiError paused = OpenAiErrors.of(new AisoraException(AisoraException.Kind.UNAVAILABLE, "policy_unavailable",
                "generation is paused for now"));
        assertEquals(503, paused.status());
        assertEquals("server_error", paused.type());
        assertTrue(paused.retryable());
        assertEquals(404, OpenAiErrors.of(AisoraException.notFound("generation")).status());
        assertEquals(409, OpenAiErrors.of(AisoraException.conflict("c", "m")).status());
    }

    @Test
    void aBodyThatIsNotJsonIs400AndAnythingUnknownIsLeftToTheIncidentPath() {
        OpenAiError json = OpenAiErrors.of(new JsonParseException(null, "Unexpected character"));
        assertEquals(400, json.status());
        assertEquals("invalid_json", json.code());
        assertFalse(json.message().contains("Unexpected character"), "Jackson's text names our classes");
        assertNull(OpenAiErrors.of(new IllegalStateException("bug")));
        OpenAiError unexpected = OpenAiErrors.unexpected("abc");
        assertEquals(500, unexpected.status());
        assertEquals("server_error", unexpected.type());
        assertTrue(unexpected.message().contains("abc"));
    }

    @Test
    void moderationRefusalsAreContentPolicyViolations() {
        for (GenerationView job : List.of(ended("rejected", "prompt_rejected", "the prompt was rejected by moderation (x)"),
                ended("rejected", "output_rejected", "the generated output was rejected"),
                ended("failed", "content_policy_violation", "the vendor refused"))) {
            OpenAiError e = OpenAiErrors.fromJob(job);
            assertEquals(400, e.status(), job.toString());
            assertEquals("content_policy_violation", e.code());
            assertEquals("invalid_request_error", e.type());
            assertFalse(e.retryable());
            assertTrue(e.message().contains(job.error().message()), e.message());
        }
    }

    @Test
    void failedJobsAreOutagesFailuresOrTheCallersFault() {
        assertEquals(503, OpenAiErrors.fromJob(ended("failed", "no_provider", "none")).status());
        assertEquals(503, OpenAiErrors.fromJob(ended("failed", "moderation_unavailable", "none")).status());
        assertEquals(503, OpenAiErrors.fromJob(ended("failed", "provider_timeout", "slow")).status());
        OpenAiError internal = OpenAiErrors.fromJob(ended("failed", "internal_error", "the job failed on our side"));
        assertEquals(500, internal.status());
        assertEquals("server_error", internal.type());
        assertEquals("internal_error", internal.code());
        assertEquals(400, OpenAiErrors.fromJob(ended("failed", "provider_invalid_request", "bad")).status());
        assertEquals(500, OpenAiErrors.fromJob(ended("failed", null, null)).status());
        OpenAiError canceled = OpenAiErrors.fromJob(ended("canceled", "canceled", "canceled by the user"));
        assertEquals(409, canceled.status());
        assertFalse(canceled.retryable());
    }

    @Test
    void aTimeoutIsA503ThatIsNotRetried() {
        OpenAiError e = OpenAiErrors.timeout(Duration.ofSeconds(120));
        assertEquals(503, e.status());
        assertEquals("generation_timeout", e.code());
        assertFalse(e.retryable());
        assertTrue(e.message().contains("120 s"));
    }

    @Test
    void runtimeStatusesKeepTheirStatus() {
        assertEquals("unknown_url", OpenAiErrors.forStatus(404).code());
        assertEquals(405, OpenAiErrors.forStatus(405).status());
        assertEquals("unsupported_media_type", OpenAiErrors.forStatus(415).code());
        assertEquals("server_error", OpenAiErrors.forStatus(502).type());
        assertEquals("invalid_request_error", OpenAiErrors.forStatus(406).type());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
