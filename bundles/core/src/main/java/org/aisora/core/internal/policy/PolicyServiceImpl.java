package org.aisora.core.internal.policy;

import org.aisora.api.error.AisoraException;
import org.aisora.api.service.PolicyService;
import org.aisora.api.service.PolicyView;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reads the active privacy policy plugin. */
@Component(service = PolicyService.class)
public final class PolicyServiceImpl implements PolicyService {
    private final PluginRegistry registry;

    @Activate
    public PolicyServiceImpl(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public PolicyView currentPrivacyPolicy() {
        return registry.privacyPolicy()
                .map(p -> new PolicyView(p.currentVersion(), p.minimumAge()))
                .orElseThrow(() -> new AisoraException(AisoraException.Kind.UNAVAILABLE, "policy_unavailable",
                        "no privacy policy is active"));
    }
}
