package org.aisora.core.internal.generation;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.provider.ProviderException;
import org.aisora.core.internal.media.OutputGate;
import org.aisora.api.store.JobRecord;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every generated output passes every moderation engine before a job may succeed. Like prompt
 * moderation it fails closed: no engine, or an engine that cannot answer, and nothing is kept.
 */
final class OutputModeration implements OutputGate {
    private static final Logger LOG = LoggerFactory.getLogger(OutputModeration.class);

    private final PluginRegistry registry;
    private final String jobId;
    private final String ownerId;
    private final ModerationCounters counters;

    OutputModeration(PluginRegistry registry, JobRecord job, ModerationCounters counters) {
        this.registry = registry;
        this.jobId = job.id();
        this.ownerId = job.ownerId();
        this.counters = counters;
    }

    @Override
    public void check(Content output, String contentType) throws ProviderException {
        List<ModerationEngine> engines = registry.families().moderation.ranked();
        if (engines.isEmpty()) {
            throw new ProviderException("moderation_unavailable", "no moderation engine could check the output", false);
        }
        for (ModerationEngine engine : engines) {
            ModerationVerdict verdict;
            try (InputStream in = output.open()) {
                registry.thirdParties().sent(ownerId, PluginFamily.MODERATION, engine);
                verdict = engine.moderateImage(in, contentType);
            } catch (IOException | RuntimeException e) {
                throw new ProviderException("moderation_unavailable", "the output could not be moderated", false);
            }
            // the decision is logged with the engine and categories only, never the content
            LOG.info("output moderation: job {} engine {} {} {}", jobId, engine.id(),
                    verdict.flagged() ? "flagged" : "allowed", verdict.categories());
            counters.output(verdict);
            if (verdict.flagged()) {
                throw new ProviderException("output_rejected",
                        "the generated output was rejected by moderation (" + String.join(", ", verdict.categories()) + ")",
                        false);
            }
        }
    }
}
