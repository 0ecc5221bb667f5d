package org.aisora.moderation.rules.internal;

import java.util.List;
import java.util.Set;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Prompt moderation by regular expressions per category. A bad rule must not switch moderation off, so
 * it is skipped and reported through health while the good rules keep working.
 */
@Component(name = RulesConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RulesConfig.class, factory = false)
public final class RulesModerationEngine implements ModerationEngine {
    private volatile RuleSet rules;

    @Activate
    public RulesModerationEngine(RulesConfig config) {
        modified(config);
    }

    @Modified
    void modified(RulesConfig config) {
        rules = RuleSet.parse(config.categories());
    }

    @Override
    public String id() {
        return "rules";
    }

    @Override
    public PluginHealth health() {
        List<String> problems = rules.problems();
        return problems.isEmpty() ? PluginHealth.online() : PluginHealth.degraded(String.join("; ", problems));
    }

    /** The verdict names categories only: the prompt never travels into logs or responses from here. */
    @Override
    public ModerationVerdict moderateText(String text) {
        if (text == null || text.isEmpty()) {
            return ModerationVerdict.allow();
        }
        Set<String> categories = rules.match(text);
        if (categories.isEmpty()) {
            return ModerationVerdict.allow();
        }
        return ModerationVerdict.flag(List.copyOf(categories), "matched rules: " + String.join(", ", categories));
    }
}
