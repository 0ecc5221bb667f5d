package org.aisora.core.internal.routing;

import java.util.Objects;
import org.aisora.api.plugin.PluginHealth;

/**
 * What routing needs to know of one installed provider, taken as a snapshot by the caller.
 *
 * @param ranking       its {@code service.ranking}
 * @param capable       whether its capabilities cover the request
 * @param breakerAllows {@link CircuitBreaker#available()}, not {@code allow()}: ordering must not take the trial
 */
public record Candidate(String id, int ranking, boolean capable, PluginHealth.Status health,
                        boolean breakerAllows) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(health, "health");
    }
}
