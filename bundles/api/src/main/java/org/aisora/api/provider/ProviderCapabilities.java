package org.aisora.api.provider;

import java.util.Set;

/** What a provider can do: which types, and the largest size and duration it accepts. */
public record ProviderCapabilities(Set<GenerationType> types, int maxWidth, int maxHeight, int maxDurationSeconds) {
    public ProviderCapabilities {
        types = Set.copyOf(types);
    }

    public boolean supports(GenerationRequest request) {
        return types.contains(request.type())
                && request.width() <= maxWidth
                && request.height() <= maxHeight
                && request.durationSeconds() <= maxDurationSeconds;
    }
}
