package org.aisora.providers.runway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.provider.TrainingUse;
import org.aisora.api.provider.TrainsOnContent;
import org.junit.jupiter.api.Test;

/** Runway's terms let it train on content: it says yes, and only its account's agreement makes it routable. */
class RunwayTrainingTest {
    @Test
    void saysYesWithItsTermsAndIsRoutableOnlyWithTheAgreement() {
        RunwayProvider runway = new RunwayProvider(RunwayFixtures.config("http://127.0.0.1:9", Map.of()));
        TrainingUse without = runway.training();
        assertEquals(TrainsOnContent.YES, without.trainsOnContent());
        assertTrue(without.source().contains("https://runwayml.com/terms-of-use"), without.source());
        assertFalse(without.routable());
        assertEquals("none", without.agreement());

        runway.modified(RunwayFixtures.config("http://127.0.0.1:9", Map.of("training_agreement", "no-training")));
        assertTrue(runway.training().routable(), "the agreement on this account's configuration");
        assertEquals("no-training", runway.training().agreement());

        runway.modified(RunwayFixtures.config("http://127.0.0.1:9", Map.of("training_agreement", "zero-retention")));
        assertFalse(runway.training().routable(), "only the documented value records an agreement");
    }
}
