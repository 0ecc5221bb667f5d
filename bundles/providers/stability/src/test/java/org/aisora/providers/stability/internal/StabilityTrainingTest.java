package org.aisora.providers.stability.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.provider.TrainsOnContent;
import org.junit.jupiter.api.Test;

/** Stability's training terms are not established here: unknown, routable only with the account's agreement. */
class StabilityTrainingTest {
    @Test
    void saysUnknownAndIsRoutableOnlyWithTheAgreement() {
        StabilityProvider provider = new StabilityProvider(Fixtures.config(Map.of("api_key", "k")));
        assertEquals(TrainsOnContent.UNKNOWN, provider.training().trainsOnContent());
        assertTrue(provider.training().source().contains("stability.ai"), provider.training().source());
        assertFalse(provider.training().routable());

        provider.modified(Fixtures.config(Map.of("api_key", "k", "training_agreement", "no-training")));
        assertTrue(provider.training().routable());
        assertEquals(TrainsOnContent.UNKNOWN, provider.training().trainsOnContent(), "the statement stays");
    }
}
