package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.Stripes.NOW;
import static org.aisora.payments.stripe.internal.Stripes.event;
import static org.aisora.payments.stripe.internal.Stripes.signed;
import static org.aisora.payments.stripe.internal.Stripes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeEventsTest {
    private static final long PERIOD_END = 1_802_592_000L;

    private final StripePaymentProcessor stripe = Stripes.processor(Map.of());

    @Test
    void aPaidCreditPackSessionBuysTheProductsCredits() throws Exception {
        PaymentEvent e = verify(event("evt_pay", "checkout.session.completed", """
                {"id":"cs_1","object":"checkout.session","mode":"payment","payment_status":"paid","status":"complete",
                 "customer":"cus_1","client_reference_id":"acc-9","amount_total":500,"currency":"usd",
                 "metadata":{"account_id":"acc-1","product":"pack-100"}}"""));

        assertEquals(Type.CREDITS_PURCHASED, e.type());
        assertEquals("evt_pay", e.eventId());
        assertEquals("acc-1", e.accountId(), "our metadata wins over client_reference_id");
        assertEquals("cus_1", e.customerId());
        assertEquals(100, e.credits());
        assertEquals(500, e.amountMinor());
        assertEquals("usd", e.currency());
        assertEquals("cs_1", e.objectId());
        assertEquals(Instant.ofEpochSecond(NOW - 5), e.occurredAt());
        assertNull(e.plan());
    }

    @Test
    void aSessionWithoutMetadataFallsBackToClientReferenceAndTheStoredCreditCount() throws Exception {
        PaymentEvent e = verify(event("evt_async", "checkout.session.async_payment_succeeded", """
                {"id":"cs_2","mode":"payment","payment_status":"paid","customer":"cus_2","client_reference_id":"acc-2",
                 "amount_total":900,"currency":"eur","metadata":{"product":"retired-pack","credits":"250"}}"""));

        assertEquals(Type.CREDITS_PURCHASED, e.type());
        assertEquals("acc-2", e.accountId());
        assertEquals(250, e.credits());
    }

    @Test
    void anUnpaidPaymentSessionGrantsNothingYet() throws Exception {
        PaymentEvent e = verify(event("evt_unpaid", "checkout.session.completed", """
                {"id":"cs_3","mode":"payment","payment_status":"unpaid","metadata":{"account_id":"acc-1","product":"pack-100"}}"""));

        assertEquals(Type.IGNORED, e.type());
        assertEquals(0, e.credits());
    }

    @Test
    void aSubscriptionSessionActivatesThePlan() throws Exception {
        PaymentEvent e = verify(event("evt_sub", "checkout.session.completed", """
                {"id":"cs_4","mode":"subscription","payment_status":"paid","customer":"cus_1","subscription":"sub_1",
                 "amount_total":1500,"currency":"usd","metadata":{"account_id":"acc-1","product":"pro"}}"""));

        assertEquals(Type.SUBSCRIPTION_ACTIVE, e.type());
        assertEquals("sub_1", e.subscriptionId());
        assertEquals("pro", e.plan());
        assertEquals("acc-1", e.accountId());
        assertEquals(0, e.credits());
    }

    @Test
    void aPaidInvoiceRenewsThePlanUntilTheLinesPeriodEnd_basilShape() throws Exception {
        PaymentEvent e = verify(event("evt_inv", "invoice.paid", """
                {"id":"in_1","object":"invoice","customer":"cus_1","amount_paid":1500,"currency":"usd","period_end":1,
                 "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_1",
                   "metadata":{"account_id":"acc-1"}}},
                 "lines":{"object":"list","data":[{"id":"il_1","amount":1500,
                   "period":{"start":1800000000,"end":%d},
                   "pricing":{"type":"price_details","price_details":{"price":"price_456","product":"prod_X"}}}]}}"""
                .formatted(PERIOD_END)));

        assertEquals(Type.SUBSCRIPTION_RENEWED, e.type());
        assertEquals("sub_1", e.subscriptionId());
        assertEquals("acc-1", e.accountId());
        assertEquals("pro", e.plan(), "plan found from the configured price");
        assertEquals(Instant.ofEpochSecond(PERIOD_END), e.periodEnd());
        assertEquals(1500, e.amountMinor());
        assertEquals("in_1", e.objectId());
    }

    @Test
    void aPaidInvoiceIsReadInThePreBasilShapeToo() throws Exception {
        PaymentEvent e = verify(event("evt_inv_old", "invoice.paid", """
                {"id":"in_2","customer":"cus_1","subscription":"sub_2","amount_paid":1500,"currency":"usd",
                 "subscription_details":{"metadata":{"account_id":"acc-3","plan":"pro"}},
                 "lines":{"data":[{"type":"subscription","metadata":{"account_id":"acc-3"},
                   "period":{"start":1800000000,"end":%d},"price":{"id":"price_456","object":"price"}}]}}"""
                .formatted(PERIOD_END)));

        assertEquals(Type.SUBSCRIPTION_RENEWED, e.type());
        assertEquals("sub_2", e.subscriptionId());
        assertEquals("acc-3", e.accountId());
        assertEquals("pro", e.plan());
        assertEquals(Instant.ofEpochSecond(PERIOD_END), e.periodEnd());
    }

    @Test
    void anInvoiceOfNoSubscriptionIsIgnored() throws Exception {
        assertEquals(Type.IGNORED, verify(event("evt_oneoff", "invoice.paid",
                "{\"id\":\"in_3\",\"customer\":\"cus_1\",\"amount_paid\":100,\"lines\":{\"data\":[]}}")).type());
    }

    @Test
    void aFailedInvoicePaymentIsAPaymentFailure() throws Exception {
        PaymentEvent e = verify(event("evt_fail", "invoice.payment_failed", """
                {"id":"in_4","customer":"cus_1","amount_due":1500,"amount_paid":0,"currency":"usd",
                 "parent":{"subscription_details":{"subscription":"sub_1","metadata":{"account_id":"acc-1","plan":"pro"}}},
                 "lines":{"data":[]}}"""));

        assertEquals(Type.PAYMENT_FAILED, e.type());
        assertEquals("sub_1", e.subscriptionId());
        assertEquals("acc-1", e.accountId());
        assertEquals("pro", e.plan());
        assertEquals(1500, e.amountMinor());
    }

    @ParameterizedTest
    @CsvSource({"active,SUBSCRIPTION_ACTIVE", "trialing,SUBSCRIPTION_ACTIVE", "canceled,SUBSCRIPTION_ENDED",
        "unpaid,SUBSCRIPTION_ENDED", "incomplete_expired,SUBSCRIPTION_ENDED", "past_due,PAYMENT_FAILED",
        "incomplete,PAYMENT_FAILED", "paused,PAYMENT_FAILED"})
    void anUpdatedSubscriptionMapsByStatus(String status, Type expected) throws Exception {
        PaymentEvent e = verify(event("evt_upd_" + status, "customer.subscription.updated", """
                {"id":"sub_1","object":"subscription","customer":"cus_1","status":"%s","currency":"usd",
                 "metadata":{"account_id":"acc-1"},
                 "items":{"data":[{"id":"si_1","current_period_end":%d,"price":{"id":"price_456"}}]}}"""
                .formatted(status, PERIOD_END)));

        assertEquals(expected, e.type());
        assertEquals(status, e.subscriptionStatus());
        assertEquals("sub_1", e.subscriptionId());
        assertEquals("acc-1", e.accountId());
        assertEquals("pro", e.plan());
        assertEquals(Instant.ofEpochSecond(PERIOD_END), e.periodEnd());
    }

    @Test
    void aDeletedSubscriptionEnds() throws Exception {
        PaymentEvent e = verify(event("evt_del", "customer.subscription.deleted", """
                {"id":"sub_1","customer":"cus_1","status":"active","current_period_end":%d,
                 "metadata":{"account_id":"acc-1","plan":"pro"},"items":{"data":[]}}""".formatted(PERIOD_END)));

        assertEquals(Type.SUBSCRIPTION_ENDED, e.type());
        assertEquals("sub_1", e.subscriptionId());
        assertEquals(Instant.ofEpochSecond(PERIOD_END), e.periodEnd(), "pre-basil top-level period end");
    }

    @Test
    void aRefundClawsBackTheRefundedShareOfThePacksCredits() throws Exception {
        PaymentEvent e = verify(event("evt_ref", "charge.refunded", """
                {"id":"ch_1","object":"charge","customer":"cus_1","amount":500,"amount_refunded":250,"currency":"usd",
                 "refunded":false,"payment_intent":"pi_1","metadata":{"account_id":"acc-1","product":"pack-100"}}"""));

        assertEquals(Type.REFUNDED, e.type());
        assertEquals(50, e.credits());
        assertEquals(250, e.amountMinor());
        assertEquals("acc-1", e.accountId());
        assertEquals("ch_1", e.objectId());
    }

    @Test
    void aRefundRoundsDownAndAFullRefundTakesEverything() throws Exception {
        assertEquals(33, verify(event("evt_r1", "charge.refunded", """
                {"id":"ch_2","amount":300,"amount_refunded":100,"metadata":{"account_id":"a","product":"pack-100"}}""")).credits());
        assertEquals(100, verify(event("evt_r2", "charge.refunded", """
                {"id":"ch_3","amount":500,"amount_refunded":500,"metadata":{"account_id":"a","product":"pack-100"}}""")).credits());
    }

    @Test
    void aRefundOfAChargeWeCannotTraceClawsBackNothing() throws Exception {
        PaymentEvent e = verify(event("evt_r3", "charge.refunded",
                "{\"id\":\"ch_4\",\"amount\":1500,\"amount_refunded\":1500,\"metadata\":{}}"));

        assertEquals(Type.REFUNDED, e.type());
        assertEquals(0, e.credits());
        assertNull(e.accountId());
    }

    @Test
    void anyOtherEventIsIgnoredButKeepsItsId() throws Exception {
        PaymentEvent e = verify(event("evt_other", "payment_intent.created", "{\"id\":\"pi_1\",\"amount\":500}"));

        assertEquals(Type.IGNORED, e.type());
        assertEquals("evt_other", e.eventId());
        assertEquals("pi_1", e.objectId());
    }

    private PaymentEvent verify(String json) throws Exception {
        byte[] body = utf8(json);
        return stripe.verifyWebhook(body, signed(body, NOW));
    }
}
