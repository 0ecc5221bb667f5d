package org.aisora.providers.stability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderCapabilities;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ThirdParty;
import org.junit.jupiter.api.Test;

/** What the provider tells the core without calling Stability: id, health, capabilities, third party, cost. */
class ProviderDescriptionTest {
    private static StabilityProvider provider(Map<String, Object> values) {
        return new StabilityProvider(Fixtures.config(values));
    }

    @Test
    void capabilitiesFollowTheConfiguration() {
        ProviderCapabilities caps = provider(Map.of("api_key", "k", "max_width", 1536, "max_height", 1024))
                .capabilities();
        assertEquals(Set.of(GenerationType.TEXT_TO_IMAGE, GenerationType.IMAGE_TO_IMAGE,
                GenerationType.IMAGE_TO_VIDEO, GenerationType.UPSCALE), caps.types());
        assertEquals(1536, caps.maxWidth());
        assertEquals(1024, caps.maxHeight());
        assertEquals(4, caps.maxDurationSeconds());
    }

    @Test
    void idDefaultsToTheVendorAndCanBeConfigured() {
        assertEquals("stability", provider(Map.of()).id());
        assertEquals("stability-eu", provider(Map.of("id", "stability-eu")).id());
    }

    @Test
    void withoutAKeyTheProviderIsOfflineAndRefusesAtOnce() {
        StabilityProvider provider = provider(Map.of("api_key", "  "));
        assertEquals(PluginHealth.offline("no api key"), provider.health());
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.textToImage("x", null, 512, 512, 1)));
        assertEquals(ProviderException.AUTH_FAILED, e.code());
    }

    @Test
    void eitherKeyPropertyWorksAndThePrivateOneWins() {
        assertEquals(PluginHealth.online(), provider(Map.of("api_key", "k")).health());
        assertEquals(PluginHealth.online(), provider(Map.of("_api_key", "k")).health());
    }

    @Test
    void anUnusableBaseUrlIsOffline() {
        assertEquals(PluginHealth.Status.OFFLINE,
                provider(Map.of("api_key", "k", "base_url", "ftp://example.com")).health().status());
    }

    @Test
    void badSettingsDegradeHealthAndFallBackToDefaults() {
        StabilityProvider provider = provider(Map.of("api_key", "k", "model", "turbo9000", "strength", 1.5,
                "prices", new String[] {"text-to-image=abc"}, "image_model", "core"));
        PluginHealth health = provider.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("model 'turbo9000'"), health.reason());
        assertTrue(health.reason().contains("strength 1.5 is outside 0..1"), health.reason());
        assertTrue(health.reason().contains("image.model 'core'"), health.reason());
        assertTrue(health.reason().contains("text-to-image=abc"), health.reason());
    }

    @Test
    void thirdPartyIsStabilityWithoutDeletion() {
        ThirdParty party = provider(Map.of("api_key", "k")).thirdParty().orElseThrow();
        assertEquals("Stability AI", party.vendor());
        assertFalse(party.deletable());
        assertTrue(party.statedRetention().contains("24 h"));
    }

    @Test
    void costComesFromThePriceTable() {
        StabilityProvider provider = provider(Map.of("api_key", "k", "prices",
                new String[] {"text-to-image=30000", "image-to-video:per-second=50000"}));
        assertEquals(30_000, provider.costMicros(Fixtures.textToImage("x", null, 512, 512, 1)));
        assertEquals(200_000, provider.costMicros(new GenerationRequest("j", GenerationType.IMAGE_TO_VIDEO, "", null,
                768, 768, 4, 1)));
        assertEquals(0, provider.costMicros(new GenerationRequest("j", GenerationType.UPSCALE, "", null, 8, 8, 0, 1)));
    }
}
