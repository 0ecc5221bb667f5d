package org.aisora.policies.strict.internal;

import java.time.Duration;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.RetentionPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A retention policy for deployments that keep as little as they can: every plan and every kind of
 * artifact is kept the same short time (24 hours unless configured). It is a retention policy only; the
 * published privacy policy (minimum age, version) stays the standard one's. Choose it with
 * {@code retention.policy=strict} in {@code etc/org.aisora.core.plugins.cfg}, at runtime.
 */
@Component(name = StrictPolicyConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = RetentionPolicy.class)
@Designate(ocd = StrictPolicyConfig.class, factory = false)
public final class StrictPolicy implements RetentionPolicy {
    static final int DEFAULT_HOURS = 24;
    private static final int MAX_HOURS = 720;

    private volatile Duration keep;
    private volatile String problem;

    @Activate
    public StrictPolicy(StrictPolicyConfig config) {
        modified(config);
    }

    @Modified
    void modified(StrictPolicyConfig config) {
        int hours = config.retention_hours();
        if (hours < 1 || hours > MAX_HOURS) {
            problem = "retention.hours " + hours + " is outside 1.." + MAX_HOURS + ", using " + DEFAULT_HOURS;
            keep = Duration.ofHours(DEFAULT_HOURS);
        } else {
            problem = null;
            keep = Duration.ofHours(hours);
        }
    }

    @Override
    public String id() {
        return "strict";
    }

    @Override
    public PluginHealth health() {
        String p = problem;
        return p == null ? PluginHealth.online() : PluginHealth.degraded(p);
    }

    @Override
    public Duration retention(String plan, ArtifactKind kind) {
        return keep;
    }
}
