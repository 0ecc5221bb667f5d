package org.aisora.api.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingUseTest {
    @Test
    void onlyNoOrARecordedNoTrainingAgreementIsRoutable() {
        assertTrue(TrainingUse.stated(TrainsOnContent.NO, "terms", null).routable());
        assertFalse(TrainingUse.stated(TrainsOnContent.YES, "terms", "").routable());
        assertFalse(TrainingUse.stated(TrainsOnContent.UNKNOWN, "terms", "none").routable());
        assertFalse(TrainingUse.stated(TrainsOnContent.YES, "terms", "no training").routable());
        assertTrue(TrainingUse.stated(TrainsOnContent.YES, "terms", " NO-TRAINING ").routable());
        assertTrue(TrainingUse.stated(TrainsOnContent.UNKNOWN, "terms", "no-training").routable());
        assertEquals("unknown", TrainsOnContent.UNKNOWN.wireName());
    }

    /** A vendor provider that says nothing is unknown (so not routed); one on our machine is no. */
    @Test
    void theDefaultIsUnknownForAThirdPartyAndNoForALocalProvider() {
        assertEquals(TrainsOnContent.NO, provider(Optional.empty()).training().trainsOnContent());
        TrainingUse vendor = provider(Optional.of(new ThirdParty("Acme", "30 days", false))).training();
        assertEquals(TrainsOnContent.UNKNOWN, vendor.trainsOnContent());
        assertFalse(vendor.routable());
    }

    private static GenerationProvider provider(Optional<ThirdParty> thirdParty) {
        return new GenerationProvider() {
            @Override
            public String id() {
                return "p";
            }

            @Override
            public ProviderCapabilities capabilities() {
                return new ProviderCapabilities(Set.of(), 0, 0, 0);
            }

            @Override
            public ProviderTask submit(GenerationRequest request) {
                throw new IllegalStateException("not called");
            }

            @Override
            public ProviderTask poll(String taskId) {
                throw new IllegalStateException("not called");
            }

            @Override
            public void cancel(String taskId) {
            }

            @Override
            public Optional<ThirdParty> thirdParty() {
                return thirdParty;
            }
        };
    }
}
