package org.aisora.payments.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.Product;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.Test;

class StripeSettingsTest {
    @Test
    void productLinesBecomeProducts() {
        StripePaymentProcessor stripe = Stripes.processor(Map.of("products",
                new String[] {"pro=plan:pro:price_456:1500:USD:Pro monthly", "pack-100=credits:100:price_123:500:usd"}));

        assertEquals("stripe", stripe.id());
        assertEquals(new PaymentCapabilities(true, false), stripe.capabilities());
        assertEquals(List.of(new Product("pack-100", "100 credits", 100, null, 500, "usd", "price_123"),
                new Product("pro", "Pro monthly", 0, "pro", 1500, "usd", "price_456")), stripe.products());
        assertEquals(PluginHealth.online(), stripe.health());
    }

    @Test
    void aCommaSeparatedCfgValueIsSeveralLines() {
        StripePaymentProcessor stripe = Stripes.processor(Map.of("products",
                new String[] {"pack-100=credits:100:price_123:500:usd, pro=plan:pro:price_456:1500:usd"}));

        assertEquals(List.of("pack-100", "pro"), stripe.products().stream().map(Product::id).toList());
    }

    @Test
    void malformedProductLinesAreDroppedAndDegradeHealth() {
        StripePaymentProcessor stripe = Stripes.processor(Map.of("products", new String[] {
            "pack-100=credits:100:price_123:500:usd", "bad=credits:0:price_1:500:usd", "worse=gift:1:price_2:1:usd",
            "cheap=credits:10:price_3:-1:usd", "odd=credits:10:price_4:100:dollars", "pack-100=credits:5:price_5:1:usd",
            "nothing"}));

        assertEquals(List.of("pack-100"), stripe.products().stream().map(Product::id).toList());
        assertEquals(100, stripe.products().get(0).credits(), "the first of two lines for one id wins");
        PluginHealth health = stripe.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        for (String named : List.of("bad", "worse", "cheap", "odd", "configured twice", "nothing")) {
            assertTrue(health.reason().contains(named), named + " in " + health.reason());
        }
    }

    @Test
    void withoutASecretKeyStripeIsOfflineAndRefusesCalls() {
        StripePaymentProcessor stripe = Stripes.processor(Map.of("_secret_key", " "));

        assertEquals(PluginHealth.offline("no secret key"), stripe.health());
        PaymentException e = assertThrows(PaymentException.class, () -> stripe.portal("cus_1", null));
        assertEquals("processor_error", e.code());
    }

    @Test
    void aBadApiBaseIsOffline() {
        assertEquals(PluginHealth.Status.OFFLINE, Stripes.processor("ftp://stripe", Map.of()).health().status());
    }

    @Test
    void missingUrlsOrWebhookSecretDegradeHealthAndBlockCheckout() {
        StripePaymentProcessor stripe = Stripes.processor(Map.of("success_url", "", "_webhook_secret", ""));

        PluginHealth health = stripe.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains("success.url") && health.reason().contains("webhook secret"), health.reason());
        PaymentException e = assertThrows(PaymentException.class, () -> stripe.checkout(
                new org.aisora.api.payment.CheckoutRequest("acc-1", "a@b.c", "cus_1", stripe.products().get(0), "k")));
        assertEquals("processor_error", e.code());
    }

    @Test
    void secretsNeverShowInTheSettingsText() {
        StripeSettings settings = StripeSettings.of(Configs.of(StripeConfig.class, Map.of("_secret_key",
                Stripes.SECRET_KEY, "_webhook_secret", Stripes.WEBHOOK_SECRET, "products", Stripes.PRODUCTS)));

        assertFalse(settings.toString().contains(Stripes.SECRET_KEY));
        assertFalse(settings.toString().contains(Stripes.WEBHOOK_SECRET));
        assertEquals("https://api.stripe.com", settings.apiBase());
    }

    @Test
    void stripeReceivesTheEmailAndHandlesThePaymentDetails() {
        org.aisora.api.plugin.DataTransfer transfer = Stripes.processor(Map.of()).dataTransfer().orElseThrow();
        assertEquals("Stripe", transfer.vendor());
        assertTrue(transfer.dataCategories().contains("e-mail address"), transfer.dataCategories().toString());
        assertFalse(transfer.statedRetention().isBlank());
    }
}
