package org.aisora.core.internal.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.notify.Notifier;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.plugin.Plugin;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.policy.PrivacyPolicy;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;
import org.aisora.api.service.HealthReport;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.transcode.Transcoder;

/** One {@link PluginSet} per family, and the views built from all of them. */
public final class Plugins {
    public final PluginSet<GenerationProvider> providers = new PluginSet<>();
    public final PluginSet<BlobStore> storage = new PluginSet<>();
    public final PluginSet<PaymentProcessor> payments = new PluginSet<>();
    public final PluginSet<ModerationEngine> moderation = new PluginSet<>();
    public final PluginSet<Transcoder> transcoders = new PluginSet<>();
    public final PluginSet<RetentionPolicy> retention = new PluginSet<>();
    public final PluginSet<PrivacyPolicy> privacy = new PluginSet<>();
    public final PluginSet<Notifier> notifiers = new PluginSet<>();

    List<PluginInfo> describe(PluginChoices config) {
        List<PluginInfo> out = new ArrayList<>();
        describe(out, PluginFamily.PROVIDER, providers, null, true);
        describe(out, PluginFamily.STORAGE, storage, config.storage_default(), false);
        describe(out, PluginFamily.PAYMENT, payments, null, true);
        describe(out, PluginFamily.MODERATION, moderation, null, true);
        describe(out, PluginFamily.TRANSCODER, transcoders, config.transcoder_default(), false);
        describe(out, PluginFamily.RETENTION, retention, config.retention_policy(), false);
        describe(out, PluginFamily.PRIVACY, privacy, config.privacy_policy(), false);
        describe(out, PluginFamily.NOTIFIER, notifiers, null, true);
        return out;
    }

    /** {@code allActive}: every plugin of the family serves (providers route, engines chain); else one is chosen. */
    private static <T extends Plugin> void describe(List<PluginInfo> out, PluginFamily family, PluginSet<T> set,
                                                    String configured, boolean allActive) {
        Optional<T> chosen = set.preferred(configured);
        for (Ranked<T> entry : set.entries()) {
            T plugin = entry.plugin();
            boolean active = allActive || chosen.map(c -> c == plugin).orElse(false);
            out.add(new PluginInfo(family, plugin.id(), safeHealth(plugin), entry.ranking(), active,
                    plugin instanceof GenerationProvider p ? training(p) : null));
        }
    }

    /** What the provider states about training on content; one that cannot say is shown unknown and not routed. */
    static PluginInfo.Training training(GenerationProvider provider) {
        try {
            TrainingUse t = provider.training();
            if (t != null) {
                return new PluginInfo.Training(t.trainsOnContent().wireName(), t.source(), t.agreement(), t.routable());
            }
        } catch (RuntimeException e) {
            // falls through: shown as unknown, which routing also refuses
        }
        return new PluginInfo.Training(TrainsOnContent.UNKNOWN.wireName(), "the provider failed to state it", "none",
                false);
    }

    /** A plugin whose health check throws is reported offline rather than breaking the listing. */
    static PluginHealth safeHealth(Plugin plugin) {
        try {
            PluginHealth health = plugin.health();
            return health == null ? PluginHealth.offline("no health reported") : health;
        } catch (RuntimeException e) {
            return PluginHealth.offline("health check failed: " + e.getClass().getSimpleName());
        }
    }

    /** @param imageGap why vendors' images cannot be moderated, when they cannot: the platform is then degraded */
    HealthReport health(PluginChoices config, boolean databaseUp, Optional<String> imageGap) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean down = false;
        down |= check(checks, "database", databaseUp ? "ok" : null);
        down |= check(checks, "storage", storage.preferred(config.storage_default()).map(Plugin::id).orElse(null));
        down |= check(checks, "retention", retention.preferred(config.retention_policy()).map(Plugin::id).orElse(null));
        down |= check(checks, "privacy", privacy.preferred(config.privacy_policy()).map(Plugin::id).orElse(null));
        checks.put("providers", providers.isEmpty() ? "none" : String.valueOf(providers.ranked().size()));
        checks.put("moderation", moderation.isEmpty() ? "none" : String.valueOf(moderation.ranked().size()));
        imageGap.ifPresent(reason -> checks.put("image_moderation", reason));
        String status = down ? "down" : providers.isEmpty() || moderation.isEmpty() || imageGap.isPresent()
                ? "degraded" : "ok";
        return new HealthReport(status, checks);
    }

    private static boolean check(Map<String, String> checks, String name, String value) {
        checks.put(name, value == null ? "missing" : value);
        return value == null;
    }
}
