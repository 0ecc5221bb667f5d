package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.CheckoutView;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With no payment provider, the manual processor sells through a local checkout an operator confirms, once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualCheckoutFlowTest {
    private TestPlatform platform;
    private BillingService billing;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of());
        billing = new BillingServiceImpl(platform.db.billing(), platform.db.accounts(),
                platform.registry, (account, plan) -> 0,
                () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}), Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @Test
    void aConfirmedPackIsCreditedOnceAndAConfirmedPlanSwitchesThePlan() {
        Caller ann = platform.register("m" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
        long start = platform.credits.summary(ann, 0, 1).balance();
        CheckoutView pack = billing.checkout(ann, "pack-100", "buy-1");
        assertEquals("manual", pack.processor());
        assertTrue(pack.sessionId().startsWith("manual_"));
        assertEquals(start, platform.credits.summary(ann, 0, 1).balance(), "nothing before the operator confirms");
        billing.confirmCheckout(pack.sessionId());
        billing.confirmCheckout(pack.sessionId());
        assertEquals(start + 100, platform.credits.summary(ann, 0, 1).balance(), "confirmed twice, credited once");

        CheckoutView plan = billing.checkout(ann, "pro", "buy-2");
        assertEquals("pro", billing.confirmCheckout(plan.sessionId()).plan());
        assertEquals("pro", billing.subscription(ann).plan());
        // what the subscription shows is the active policy's retention for the new plan (standard: 30 days)
        assertEquals(30 * 24L, billing.subscription(ann).retention().hours().get("original_upload"));
        assertEquals(30 * 24L, billing.subscription(ann).retention().hours().get("rendition"));
        assertEquals("standard", billing.subscription(ann).retention().policy());
        assertEquals(start + 100 + 2000, platform.credits.summary(ann, 0, 1).balance(), "the pro plan's monthly credits");
        assertEquals("not_found", assertThrows(AisoraException.class, () -> billing.confirmCheckout("manual_nope")).code());
    }
}
