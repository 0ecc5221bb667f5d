package org.aisora.core.internal.routing;

import java.util.Objects;
import org.aisora.api.plugin.PluginHealth;

/**
 * What routing needs to know of one installed provider, taken as a snapshot by the caller.
 *
 * @param ranking       its {@code service.ranking}
 * @param capable       whether its capabilities cover the request
 * @param breakerAllows {@link CircuitBreaker#available()}, not {@code allow()}: ordering must not take the trial
 * @param trainingSafe  its vendor does not train on content, or the operator recorded a no-training agreement
 *                      ({@code TrainingUse#routable()}); a job is never sent to a provider without it
 * @param moderated     what it returns can be moderated as required: false for a vendor provider while no
 *                      installed engine classifies images and {@code images.required} holds
 */
public record Candidate(String id, int ranking, boolean capable, PluginHealth.Status health,
                        boolean breakerAllows, boolean trainingSafe, boolean moderated) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(health, "health");
    }

    /** A provider whose outputs can be moderated. */
    public Candidate(String id, int ranking, boolean capable, PluginHealth.Status health, boolean breakerAllows,
                     boolean trainingSafe) {
        this(id, ranking, capable, health, breakerAllows, trainingSafe, true);
    }

    /** A provider that does not train on content. */
    public Candidate(String id, int ranking, boolean capable, PluginHealth.Status health, boolean breakerAllows) {
        this(id, ranking, capable, health, breakerAllows, true, true);
    }
}
