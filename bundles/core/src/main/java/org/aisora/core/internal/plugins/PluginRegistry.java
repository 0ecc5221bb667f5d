package org.aisora.core.internal.plugins;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.notify.Notifier;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.plugin.PluginInfo;
import org.aisora.api.policy.PrivacyPolicy;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.service.HealthReport;
import org.aisora.api.service.PluginDirectory;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountStore;
import org.aisora.core.internal.moderation.ImageModeration;
import org.aisora.core.internal.routing.BreakerSettings;
import org.aisora.core.internal.routing.BreakerState;
import org.aisora.core.internal.thirdparty.ThirdPartyRecorder;
import org.osgi.service.cm.ConfigurationAdmin;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.core.internal.routing.Breakers;
import org.aisora.api.transcode.Transcoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Discovers every plugin family the same way: dynamic, greedy, multiple references into a
 * {@link PluginSet} per family. Installing, reconfiguring or removing a plugin bundle takes effect
 * for the next lookup, without a restart.
 */
@Component(service = {PluginDirectory.class, PluginRegistry.class}, configurationPid = PluginChoices.PID)
@Designate(ocd = PluginChoices.class)
public final class PluginRegistry implements PluginDirectory {
    private final Plugins plugins = new Plugins();
    private final Breakers breakers = new Breakers(Clock.systemUTC(), BreakerSettings.defaults());
    private volatile PluginChoices config;
    private volatile RoutingRules routing;
    private volatile ConfigurationAdmin configAdmin;
    private volatile AccountStore database;
    private final ImageModeration images;

    /** With images required, as {@code org.aisora.core.moderation} has it by default. */
    public PluginRegistry(PluginChoices config) {
        this(config, ImageModeration.fixed(true));
    }
    private volatile ThirdPartyRecorder thirdParties = ThirdPartyRecorder.NONE;

    @Activate
    public PluginRegistry(PluginChoices config, @Reference ImageModeration images) {
        this.images = images;
        modified(config);
    }

    @Modified
    public void modified(PluginChoices newConfig) {
        RoutingRules rules = RoutingRules.of(newConfig);
        breakers.configure(rules.breakerSettings());
        this.routing = rules;
        this.config = newConfig;
    }

    /** The routing order and retry plan from configuration, replaced whole on a change. */
    public RoutingRules routing() {
        return routing;
    }

    /** One circuit breaker per provider id; kept across reconfiguration, reset when a provider is rebound. */
    public Breakers breakers() {
        return breakers;
    }

    /** The live plugin sets, for the core's own routing and lookups. */
    public Plugins families() {
        return plugins;
    }

    /** Whether a job may not go to this provider now: a vendor while no engine classifies images (and that is required). */
    public boolean refusesUnmoderated(GenerationProvider provider) {
        return images.refuses(provider, plugins.moderation.ranked());
    }

    @Override
    public List<PluginInfo> plugins() {
        // a provider whose circuit is open is shown as such, whatever it says of itself; so are the moderation
        // engines while none of them can classify what vendor providers return
        Optional<String> imageGap = imageGap();
        return plugins.describe(config).stream().map(p -> p.family() == PluginFamily.PROVIDER
                && breakers.of(p.id()).state() == BreakerState.OPEN && p.health().status() == PluginHealth.Status.ONLINE
                ? new PluginInfo(p.family(), p.id(), PluginHealth.degraded("circuit open: "
                        + breakers.of(p.id()).reason()), p.ranking(), p.active(), p.training())
                : p.family() == PluginFamily.MODERATION && imageGap.isPresent()
                && p.health().status() == PluginHealth.Status.ONLINE
                ? new PluginInfo(p.family(), p.id(), PluginHealth.degraded(imageGap.get()), p.ranking(), p.active(),
                        p.training())
                : p).toList();
    }

    private Optional<String> imageGap() {
        return images.gap(plugins.providers.ranked(), plugins.moderation.ranked());
    }

    @Override
    public Map<String, List<String>> routingOrder() {
        return RoutingConfig.describe(routing.order());
    }

    @Override
    public void setRoutingOrder(String type, List<String> providerIds) {
        RoutingConfig.save(configAdmin, type, List.copyOf(providerIds));
    }

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    void setConfigAdmin(ConfigurationAdmin admin) { this.configAdmin = admin; }
    void unsetConfigAdmin(ConfigurationAdmin admin) { if (this.configAdmin == admin) { this.configAdmin = null; } }

    public Optional<BlobStore> defaultBlobStore() {
        return plugins.storage.preferred(config.storage_default());
    }

    public Optional<Transcoder> transcoder() {
        return plugins.transcoders.preferred(config.transcoder_default());
    }

    public Optional<RetentionPolicy> retentionPolicy() {
        return plugins.retention.preferred(config.retention_policy());
    }

    public Optional<PrivacyPolicy> privacyPolicy() {
        return plugins.privacy.preferred(config.privacy_policy());
    }

    /** The notifier the mail outbox sends through: the highest ranked (service.ranking in its .cfg). */
    public Optional<Notifier> notifier() {
        return plugins.notifiers.preferred(null);
    }

    /** Where a transfer of an account's data through a plugin to its third party is recorded. */
    public ThirdPartyRecorder thirdParties() {
        return thirdParties;
    }

    @Override
    public HealthReport health() {
        return plugins.health(config, database != null, imageGap());
    }

    // --- one bind/update/unbind triple per family; all identical on purpose (update: a new service.ranking)

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateProvider")
    void addProvider(GenerationProvider p, Map<String, Object> props) { plugins.providers.add(p, props); breakers.forget(p.id()); }
    void updateProvider(GenerationProvider p, Map<String, Object> props) { plugins.providers.add(p, props); }
    void removeProvider(GenerationProvider p) { plugins.providers.remove(p); breakers.forget(p.id()); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateStorage")
    void addStorage(BlobStore p, Map<String, Object> props) { plugins.storage.add(p, props); }
    void updateStorage(BlobStore p, Map<String, Object> props) { plugins.storage.add(p, props); }
    void removeStorage(BlobStore p) { plugins.storage.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updatePayment")
    void addPayment(PaymentProcessor p, Map<String, Object> props) { plugins.payments.add(p, props); }
    void updatePayment(PaymentProcessor p, Map<String, Object> props) { plugins.payments.add(p, props); }
    void removePayment(PaymentProcessor p) { plugins.payments.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateModeration")
    void addModeration(ModerationEngine p, Map<String, Object> props) { plugins.moderation.add(p, props); }
    void updateModeration(ModerationEngine p, Map<String, Object> props) { plugins.moderation.add(p, props); }
    void removeModeration(ModerationEngine p) { plugins.moderation.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateTranscoder")
    void addTranscoder(Transcoder p, Map<String, Object> props) { plugins.transcoders.add(p, props); }
    void updateTranscoder(Transcoder p, Map<String, Object> props) { plugins.transcoders.add(p, props); }
    void removeTranscoder(Transcoder p) { plugins.transcoders.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateRetention")
    void addRetention(RetentionPolicy p, Map<String, Object> props) { plugins.retention.add(p, props); }
    void updateRetention(RetentionPolicy p, Map<String, Object> props) { plugins.retention.add(p, props); }
    void removeRetention(RetentionPolicy p) { plugins.retention.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updatePrivacy")
    void addPrivacy(PrivacyPolicy p, Map<String, Object> props) { plugins.privacy.add(p, props); }
    void updatePrivacy(PrivacyPolicy p, Map<String, Object> props) { plugins.privacy.add(p, props); }
    void removePrivacy(PrivacyPolicy p) { plugins.privacy.remove(p); }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY, updated = "updateNotifier")
    void addNotifier(Notifier p, Map<String, Object> props) { plugins.notifiers.add(p, props); }
    void updateNotifier(Notifier p, Map<String, Object> props) { plugins.notifiers.add(p, props); }
    void removeNotifier(Notifier p) { plugins.notifiers.remove(p); }

    /** Only to report whether the database is there; the store itself is used by other components. */
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    void setDatabase(AccountStore store) { this.database = store; }
    void unsetDatabase(AccountStore store) { if (this.database == store) { this.database = null; } }

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    public void setThirdParties(ThirdPartyRecorder recorder) { this.thirdParties = recorder; }
    public void unsetThirdParties(ThirdPartyRecorder recorder) {
        if (this.thirdParties == recorder) { this.thirdParties = ThirdPartyRecorder.NONE; }
    }
}
