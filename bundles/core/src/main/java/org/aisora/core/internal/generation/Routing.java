package org.aisora.core.internal.generation;

import java.util.Optional;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.TrainingUse;
import org.aisora.core.internal.plugins.PluginSet;

/** Picks the provider for a request: the pinned one if it can, else the highest ranked capable one that is not offline. */
final class Routing {
    private Routing() {
    }

    static Optional<GenerationProvider> pick(PluginSet<GenerationProvider> providers, GenerationRequest request,
                                             String pinned) {
        if (pinned != null) {
            return providers.get(pinned).filter(p -> capable(p, request)).filter(Routing::trainingSafe);
        }
        return providers.ranked().stream()
                .filter(p -> capable(p, request))
                .filter(Routing::trainingSafe)
                .filter(p -> p.health().status() != PluginHealth.Status.OFFLINE)
                .findFirst();
    }

    /** Whether its vendor does not train on content or is bound by an agreement; one that cannot say is not safe. */
    static boolean trainingSafe(GenerationProvider provider) {
        try {
            TrainingUse training = provider.training();
            return training != null && training.routable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean capable(GenerationProvider provider, GenerationRequest request) {
        try {
            return provider.capabilities().supports(request);
        } catch (RuntimeException e) {
            return false; // a provider that cannot describe itself is not routed to
        }
    }
}
