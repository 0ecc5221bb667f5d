package org.aisora.providers.replicate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.testing.Configs;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.Test;

/** HTTP failures mapped to the codes the core routes on, and what health and configuration report. */
class ReplicateErrorsTest extends ReplicateFixture {
    private static final String PROBLEM = "{\"title\":\"x\",\"detail\":\"echo of 'my secret prompt'\",\"status\":";

    private ProviderException createFails(ReplicateProvider provider, Reply reply) {
        vendor.on("POST " + FLUX, reply);
        return assertThrows(ProviderException.class, () -> provider.submit(textToImage("my secret prompt")));
    }

    @Test
    void aRefusedKeyIsAuthFailedAndTakesTheProviderOfflineUntilReconfigured() throws Exception {
        ReplicateProvider provider = provider();
        assertEquals(PluginHealth.online(), provider.health());

        ProviderException e = createFails(provider, Reply.json(401, PROBLEM + "401}"));

        assertEquals(ProviderException.AUTH_FAILED, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains(KEY));
        assertEquals(PluginHealth.offline("api key refused"), provider.health());
        assertEquals(ProviderException.AUTH_FAILED,
                assertThrows(ProviderException.class, () -> provider.poll("p1")).code());
        assertEquals(1, vendor.requests().size(), "no further call with a refused key");

        provider.modified(Configs.of(ReplicateConfig.class, settings()));
        assertEquals(PluginHealth.online(), provider.health());
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        ProviderException e = createFails(provider(), Reply.json(429, PROBLEM + "429}").withHeader("Retry-After", "12"));
        assertEquals(ProviderException.RATE_LIMITED, e.code());
        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(12), e.retryAfter().orElseThrow());
    }

    @Test
    void aServerErrorIsUnavailableAndRetryable() {
        ProviderException e = createFails(provider(), Reply.json(500, PROBLEM + "500}"));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
        assertEquals(PluginHealth.online(), provider().health());
    }

    @Test
    void anUnprocessableInputIsAnInvalidRequestWithoutTheVendorsText() {
        ProviderException e = createFails(provider(), Reply.json(422, PROBLEM + "422}"));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("secret prompt"));
    }

    @Test
    void aSlowApiIsATimeout() {
        Map<String, Object> s = settings();
        s.put("request_timeout_ms", 300);
        ProviderException e = createFails(provider(s),
                Reply.json(201, prediction("p1", "starting", "null", "null")).delayed(1500));
        assertEquals(ProviderException.TIMEOUT, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void aSlowDownloadIsATimeoutToo() {
        Map<String, Object> s = settings();
        s.put("request_timeout_ms", 300);
        vendor.on("GET /files/slow.png", Reply.bytes(200, "image/png", PNG).delayed(1500));
        vendor.on("GET /v1/predictions/ps", Reply.json(200, prediction("ps", "succeeded",
                quoted(vendor.baseUrl() + "/files/slow.png"), "null")));
        assertEquals(ProviderException.TIMEOUT,
                assertThrows(ProviderException.class, () -> provider(s).poll("ps")).code());
    }

    @Test
    void malformedJsonOrAnUnknownStatusIsInvalidOutput() {
        vendor.on("GET /v1/predictions/pj", Reply.json(200, "{\"id\":"));
        vendor.on("GET /v1/predictions/pu", Reply.json(200, prediction("pu", "teleported", "null", "null")));
        ReplicateProvider provider = provider();
        assertEquals(ProviderException.INVALID_OUTPUT,
                assertThrows(ProviderException.class, () -> provider.poll("pj")).code());
        assertEquals(ProviderException.INVALID_OUTPUT,
                assertThrows(ProviderException.class, () -> provider.poll("pu")).code());
    }

    @Test
    void withoutAKeyTheProviderIsOfflineAndCallsNothing() {
        Map<String, Object> s = settings();
        s.put("_api_key", " ");
        ReplicateProvider provider = provider(s);
        assertEquals(PluginHealth.offline("no api key"), provider.health());
        assertThrows(ProviderException.class, () -> provider.submit(textToImage("x")));
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void configurationProblemsDegradeHealthAndBadBaseUrlIsOffline() {
        Map<String, Object> s = settings();
        s.put("models", new String[] {"text-to-image=black-forest-labs/flux-schnell, text-to-video=not a model"});
        s.put("prices", new String[] {"text-to-image=3000", "nonsense"});
        s.put("wait_seconds", 120);
        PluginHealth health = provider(s).health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("text-to-video=not a model"), health.reason());
        assertTrue(health.reason().contains("nonsense"), health.reason());
        assertTrue(health.reason().contains("wait.seconds"), health.reason());

        s = settings();
        s.put("base_url", "file:///etc/passwd");
        assertEquals(PluginHealth.Status.OFFLINE, provider(s).health().status());
        s = settings();
        s.put("models", new String[0]);
        assertEquals(PluginHealth.offline("no models configured"), provider(s).health());
    }

    @Test
    void identityCapabilitiesCostAndThirdPartyRecord() {
        Map<String, Object> s = settings();
        s.put("id", "replicate-eu");
        s.put("prices", new String[] {"text-to-image=3000, image-to-video:per-second=90000"});
        ReplicateProvider provider = provider(s);

        assertEquals("replicate-eu", provider.id());
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_VIDEO, GenerationType.UPSCALE),
                provider.capabilities().types());
        assertEquals(1440, provider.capabilities().maxWidth());
        assertEquals(3000, provider.costMicros(textToImage("x")));
        assertEquals(450000, provider.costMicros(new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "p",
                null, 512, 512, 5, 1)));
        ThirdParty party = provider.thirdParty().orElseThrow();
        assertEquals("Replicate", party.vendor());
        assertTrue(party.statedRetention().contains("one hour"));
        assertFalse(party.deletable());
        assertFalse(provider.toString().contains(KEY));
    }

    @Test
    void modelLinesAcceptOfficialModelsAndPinnedVersionsOnly() {
        ModelRoutes routes = ModelRoutes.parse(new String[] {"text-to-image=black-forest-labs/flux-1.1-pro",
                "upscale=nightmareai/real-esrgan:" + VERSION, "image-to-image=../etc/passwd",
                "text-to-video=owner/name:not-hex", "spaceship=a/b"}, new String[] {"upscale=img", "upscale=bad field"});
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.UPSCALE), routes.types());
        assertEquals("/v1/models/black-forest-labs/flux-1.1-pro/predictions",
                routes.route(GenerationType.TEXT_TO_IMAGE).orElseThrow().createPath());
        ModelRoutes.Route upscale = routes.route(GenerationType.UPSCALE).orElseThrow();
        assertEquals("/v1/predictions", upscale.createPath());
        assertEquals(VERSION, upscale.version());
        assertEquals("img", upscale.imageField());
        assertEquals(4, routes.problems().size(), routes.problems().toString());
    }
}
