package org.aisora.policies.standard.internal;

import java.time.Duration;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.PrivacyPolicy;
import org.aisora.api.policy.RetentionPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The shipped privacy and retention rules as one component, because they are published (and versioned)
 * as one document. A bad setting must not leave the platform without a policy, so it falls back to the
 * default for that setting and shows up in health instead of failing activation.
 */
@Component(name = StandardPolicyConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {RetentionPolicy.class, PrivacyPolicy.class})
@Designate(ocd = StandardPolicyConfig.class, factory = false)
public final class StandardPolicy implements RetentionPolicy, PrivacyPolicy {
    private volatile Settings settings;

    @Activate
    public StandardPolicy(StandardPolicyConfig config) {
        modified(config);
    }

    @Modified
    void modified(StandardPolicyConfig config) {
        settings = Settings.of(config);
    }

    @Override
    public String id() {
        return "standard";
    }

    @Override
    public PluginHealth health() {
        Settings current = settings;
        return current.problems().isEmpty()
                ? PluginHealth.online() : PluginHealth.degraded(String.join("; ", current.problems()));
    }

    /** Plans other than "pro" (including ones added later and not configured here) get the shorter free retention. */
    @Override
    public Duration retention(String plan, ArtifactKind kind) {
        return settings.retention(plan, kind);
    }

    @Override
    public int minimumAge() {
        return settings.minimumAge();
    }

    @Override
    public String currentVersion() {
        return settings.version();
    }
}
