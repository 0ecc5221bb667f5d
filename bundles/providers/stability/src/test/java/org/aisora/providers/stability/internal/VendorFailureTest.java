package org.aisora.providers.stability.internal;

import static org.aisora.providers.stability.internal.Fixtures.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stability's failures as the codes the core routes on, and what they do to the provider's health. */
class VendorFailureTest {
    private static final String CORE = "POST /v2beta/stable-image/generate/core";
    private static final String ERROR = "{\"id\":\"e9\",\"name\":\"%s\",\"errors\":[\"the prompt 'secret words' ...\"]}";
    private final FakeVendor vendor = new FakeVendor();

    VendorFailureTest() throws Exception {
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void unauthorizedIsAuthFailedAndTheProviderStaysOfflineUntilReconfigured() throws Throwable {
        vendor.on(CORE, Reply.json(401, String.format(ERROR, "unauthorized")),
                Reply.bytes(200, "image/png", png(8, 8)));
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", "sk-wrong", "base_url", vendor.baseUrl()));
        StabilityProvider provider = new StabilityProvider(Fixtures.config(values));
        assertEquals(PluginHealth.online(), provider.health());

        ProviderException e = assertThrows(ProviderException.class, generate(provider));
        assertEquals(ProviderException.AUTH_FAILED, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("sk-wrong"));
        assertEquals(PluginHealth.offline("api key refused"), provider.health());

        values.put("_api_key", "sk-right");
        provider.modified(Fixtures.config(values));
        assertEquals(PluginHealth.online(), provider.health());
        generate(provider).execute();
        assertEquals("Bearer sk-right", vendor.requests(CORE).get(1).header("Authorization"));
    }

    @Test
    void forbiddenWithoutModerationIsARefusedKeyToo() {
        vendor.on(CORE, Reply.json(403, String.format(ERROR, "forbidden")));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        assertEquals(ProviderException.AUTH_FAILED, assertThrows(ProviderException.class, generate(provider)).code());
        assertEquals(PluginHealth.offline("api key refused"), provider.health());
    }

    @Test
    void contentModerationIsAContentPolicyRefusalWithoutThePrompt() {
        vendor.on(CORE, Reply.json(403, String.format(ERROR, "content_moderation")));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        ProviderException e = assertThrows(ProviderException.class, generate(provider));
        assertEquals(ProviderException.CONTENT_POLICY, e.code());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("secret words"));
        assertEquals(PluginHealth.online(), provider.health());
    }

    @Test
    void tooManyRequestsIsRateLimitedWithTheVendorsRetryAfter() {
        vendor.on(CORE, Reply.json(429, String.format(ERROR, "rate_limit_exceeded")).withHeader("Retry-After", "17"));
        ProviderException e = assertThrows(ProviderException.class, generate(Fixtures.provider(vendor, Map.of())));
        assertEquals(ProviderException.RATE_LIMITED, e.code());
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(17)), e.retryAfter());
    }

    @Test
    void serverErrorsAreRetryableUnavailability() {
        vendor.on(CORE, Reply.json(500, String.format(ERROR, "internal_error")));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        ProviderException e = assertThrows(ProviderException.class, generate(provider));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
        assertEquals(PluginHealth.online(), provider.health());
    }

    @Test
    void badRequestsAreInvalidRequestsNamingOnlyTheErrorName() {
        vendor.on(CORE, Reply.json(400, String.format(ERROR, "bad_request")));
        ProviderException e = assertThrows(ProviderException.class, generate(Fixtures.provider(vendor, Map.of())));
        assertEquals(ProviderException.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("bad_request"), e.getMessage());
        assertFalse(e.getMessage().contains("secret words"));
    }

    @Test
    void aSlowVendorIsATimeout() {
        vendor.on(CORE, Reply.bytes(200, "image/png", png(8, 8)).delayed(2_000));
        ProviderException e = assertThrows(ProviderException.class,
                generate(Fixtures.provider(vendor, Map.of("request_timeout_ms", 300))));
        assertEquals(ProviderException.TIMEOUT, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void aFullConcurrencyGateRefusesAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the first call stays in flight until the second one has been refused
        vendor.on(CORE, FakeVendor.heldUntil(release, Reply.bytes(200, "image/png", png(8, 8))));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of("max_concurrency", 1));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                generate(provider).execute();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (vendor.requests(CORE).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, vendor.requests(CORE).size(), "the first call reached Stability");
        ProviderException e = assertThrows(ProviderException.class, generate(provider));
        release.countDown();
        assertEquals(ProviderException.RATE_LIMITED, e.code());
        first.get(5, TimeUnit.SECONDS);
        assertEquals(1, vendor.requests(CORE).size());
    }

    @Test
    void anUnreachableVendorIsUnavailable() {
        String base = vendor.baseUrl();
        vendor.close();
        ProviderException e = assertThrows(ProviderException.class,
                generate(new StabilityProvider(Fixtures.config(Map.of("_api_key", "k", "base_url", base)))));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
    }

    private org.junit.jupiter.api.function.Executable generate(StabilityProvider provider) {
        return () -> provider.submit(Fixtures.textToImage("secret words", null, 512, 512, 1));
    }
}
