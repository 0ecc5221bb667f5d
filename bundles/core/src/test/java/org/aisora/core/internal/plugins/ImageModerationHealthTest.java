package org.aisora.core.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.service.HealthReport;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.moderation.ImageModeration;
import org.aisora.core.internal.moderation.ModerationConfiguration;
import org.aisora.moderation.openai.internal.OpenAiModerationConfig;
import org.aisora.moderation.openai.internal.OpenAiModerationEngine;
import org.aisora.moderation.rules.internal.RulesConfig;
import org.aisora.moderation.rules.internal.RulesModerationEngine;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.standard.internal.StandardPolicy;
import org.aisora.policies.standard.internal.StandardPolicyConfig;
import org.aisora.providers.builtin.internal.BuiltinProvider;
import org.aisora.providers.builtin.internal.BuiltinProviderConfig;
import org.aisora.providers.runway.internal.RunwayProvider;
import org.aisora.providers.runway.internal.RunwayProviderConfig;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.storage.filesystem.internal.FilesystemBlobStore;
import org.aisora.storage.filesystem.internal.FilesystemStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health the core reports ({@code GET /health}) and the moderation family's health ({@code /admin/plugins})
 * while a vendor provider is installed: DEGRADED with the reason until an engine classifies images. Real
 * plugins throughout: the built-in provider, Runway on a loopback port, the rules engine (with a hash
 * blocklist, which does not count) and OpenAI's moderation engine.
 */
class ImageModerationHealthTest {
    private final ImageModeration images = ImageModeration.fixed(true);
    private final PluginRegistry registry = new PluginRegistry(TestConfig.of(PluginChoices.class, Map.of()), images);
    private TestStores db;
    private FakeVendor vendor;

    @BeforeEach
    void start() throws Exception {
        db = TestStores.h2();
        vendor = new FakeVendor();
        registry.setDatabase(db.accounts());
        Plugins plugins = registry.families();
        plugins.storage.add(new FilesystemBlobStore(TestConfig.of(FilesystemStoreConfig.class,
                Map.of("root", Files.createTempDirectory("aisora-health").toString()))), Map.of());
        StandardPolicy policy = new StandardPolicy(TestConfig.of(StandardPolicyConfig.class, Map.of()));
        plugins.retention.add(policy, Map.of());
        plugins.privacy.add(policy, Map.of());
        plugins.providers.add(new BuiltinProvider(TestConfig.of(BuiltinProviderConfig.class, Map.of())), Map.of());
        plugins.moderation.add(new RulesModerationEngine(TestConfig.of(RulesConfig.class,
                Map.of("image_hashes", new String[] {"known-abuse=0123456789abcdef"}))), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        vendor.close();
        db.close();
    }

    private RunwayProvider runway() {
        return new RunwayProvider(TestConfig.of(RunwayProviderConfig.class,
                Map.of("_api_key", "key_test", "base_url", vendor.baseUrl())));
    }

    private OpenAiModerationEngine openAiModeration(String key) {
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", key, "base_url", vendor.baseUrl()));
        return new OpenAiModerationEngine(TestConfig.of(OpenAiModerationConfig.class, values));
    }

    private PluginHealth rulesHealth() {
        return registry.plugins().stream().filter(p -> p.family() == PluginFamily.MODERATION)
                .filter(p -> p.id().equals("rules")).map(PluginInfo::health).findFirst().orElseThrow();
    }

    @Test
    void theBuiltInProviderAloneNeedsNoImageClassifier() {
        HealthReport health = registry.health();
        assertEquals("ok", health.status(), health.checks().toString());
        assertFalse(health.checks().containsKey("image_moderation"));
        assertEquals(PluginHealth.online(), rulesHealth());
    }

    @Test
    void aVendorWithTheRulesEngineOnlyIsDegradedWithTheReason() {
        registry.families().providers.add(runway(), Map.of());

        HealthReport health = registry.health();
        assertEquals("degraded", health.status());
        String reason = health.checks().get("image_moderation");
        assertTrue(reason.startsWith("no moderation engine classifies images while vendor providers are installed"
                + " (runway)"), reason);
        assertTrue(reason.contains("jobs are not sent to them"), reason);
        assertEquals(PluginHealth.degraded(reason), rulesHealth(), "the moderation family shows it too");
        assertTrue(registry.refusesUnmoderated(registry.families().providers.get("runway").orElseThrow()));
        assertFalse(registry.refusesUnmoderated(registry.families().providers.get("builtin").orElseThrow()));
    }

    @Test
    void withImagesNotRequiredItIsStillDegradedButVendorsAreRouted() {
        registry.families().providers.add(runway(), Map.of());
        images.modified(TestConfig.of(ModerationConfiguration.class, Map.of("images_required", false)));

        HealthReport health = registry.health();
        assertEquals("degraded", health.status());
        assertTrue(health.checks().get("image_moderation").contains("images.required=false"),
                health.checks().toString());
        assertFalse(registry.refusesUnmoderated(registry.families().providers.get("runway").orElseThrow()));
    }

    @Test
    void anImageClassifierMakesItHealthyButOnlyWhileItCanWork() {
        registry.families().providers.add(runway(), Map.of());
        OpenAiModerationEngine keyless = openAiModeration("");
        registry.families().moderation.add(keyless, Map.of());
        assertEquals(PluginHealth.Status.OFFLINE, keyless.health().status());
        assertEquals("degraded", registry.health().status(), "an engine without a key classifies nothing");

        registry.families().moderation.remove(keyless);
        registry.families().moderation.add(openAiModeration("sk-test"), Map.of());
        HealthReport health = registry.health();
        assertEquals("ok", health.status(), health.checks().toString());
        assertFalse(health.checks().containsKey("image_moderation"));
        assertEquals(PluginHealth.online(), rulesHealth());
        assertFalse(registry.refusesUnmoderated(registry.families().providers.get("runway").orElseThrow()));
        assertEquals(0, vendor.requests().size(), "health asks no vendor anything");
    }
}
