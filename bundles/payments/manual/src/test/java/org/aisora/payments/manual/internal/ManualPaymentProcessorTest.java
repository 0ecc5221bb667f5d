package org.aisora.payments.manual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.payment.CheckoutRequest;
import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.payment.Product;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.Test;

class ManualPaymentProcessorTest {
    private final ManualPaymentProcessor processor = new ManualPaymentProcessor();

    @Test
    void offersGrantsAndALocalCheckoutOfTheDefaultProducts() {
        assertEquals("manual", processor.id());
        assertEquals(new PaymentCapabilities(true, true), processor.capabilities());
        assertEquals(PluginHealth.online(), processor.health());
        assertEquals(java.util.List.of("pack-100", "pro"), processor.products().stream().map(Product::id).toList());
        assertEquals(100, processor.products().get(0).credits());
        assertEquals("pro", processor.products().get(1).plan());
    }

    @Test
    void aCheckoutIsAPendingSessionNamedByItsIdempotencyKey() {
        Product pack = processor.products().get(0);
        var first = processor.checkout(new CheckoutRequest("a", "a@example.org", null, pack, "checkout:a:k1"));
        var again = processor.checkout(new CheckoutRequest("a", "a@example.org", null, pack, "checkout:a:k1"));
        var other = processor.checkout(new CheckoutRequest("a", "a@example.org", null, pack, "checkout:a:k2"));
        assertTrue(first.sessionId().startsWith(ManualPaymentProcessor.SESSION_PREFIX));
        assertEquals(first, again);
        assertNotEquals(first.sessionId(), other.sessionId());
    }

    @Test
    void malformedProductLinesDegradeAndAreSkipped() {
        ManualPaymentProcessor p = new ManualPaymentProcessor(Configs.of(ManualPaymentConfig.class, Map.of("products",
                new String[] {"pack-5=credits:5", "broken", "pack-x=credits:-3", "gold=plan:gold:Gold"})));
        assertEquals(java.util.List.of("pack-5", "gold"), p.products().stream().map(Product::id).toList());
        assertEquals(PluginHealth.Status.DEGRADED, p.health().status());
    }
}
