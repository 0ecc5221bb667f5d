package org.aisora.providers.replicate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.provider.TrainsOnContent;
import org.junit.jupiter.api.Test;

/** Replicate's training terms are not established here: unknown, routable only with the account's agreement. */
class ReplicateTrainingTest {
    @Test
    void saysUnknownAndIsRoutableOnlyWithTheAgreement() {
        ReplicateProvider provider = ReplicateFixture.provider(Map.of());
        assertEquals(TrainsOnContent.UNKNOWN, provider.training().trainsOnContent());
        assertTrue(provider.training().source().contains("https://replicate.com/terms"), provider.training().source());
        assertFalse(provider.training().routable());

        assertTrue(ReplicateFixture.provider(Map.of("training_agreement", "no-training")).training().routable());
    }
}
