package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.Stripes.NOW;
import static org.aisora.payments.stripe.internal.Stripes.event;
import static org.aisora.payments.stripe.internal.Stripes.signed;
import static org.aisora.payments.stripe.internal.Stripes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentEvent.Type;
import org.aisora.api.payment.PaymentException;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispute events: the type by the dispute's status, the account and pack from its charge read at Stripe. */
class DisputeEventsTest {
    private static final String CHARGE = "GET /v1/charges/ch_1";
    /** A pack charge: its payment intent's metadata was copied onto it at checkout. */
    private static final String PACK_CHARGE = """
            {"id":"ch_1","object":"charge","amount":500,"currency":"eur","customer":"cus_1","paid":true,
             "metadata":{"account_id":"acc-1","product":"pack-100","credits":"100"}}""";

    private final FakeVendor vendor = start();
    private final StripePaymentProcessor stripe = Stripes.processor(vendor.baseUrl(), Map.of());

    @AfterEach
    void stop() {
        vendor.close();
    }

    @ParameterizedTest
    @CsvSource({"needs_response,DISPUTE_OPENED", "under_review,DISPUTE_OPENED", "warning_needs_response,DISPUTE_OPENED",
        "warning_under_review,DISPUTE_OPENED", "something_new,DISPUTE_OPENED", "won,DISPUTE_WON",
        "warning_closed,DISPUTE_WON", "prevented,DISPUTE_WON", "lost,DISPUTE_LOST"})
    void theTypeFollowsTheDisputesStatus(String status, Type expected) throws Exception {
        vendor.on(CHARGE, Reply.json(200, PACK_CHARGE));

        PaymentEvent e = verify("evt_" + status, "charge.dispute.updated", dispute(500, status));

        assertEquals(new PaymentEvent("evt_" + status, expected, "acc-1", "cus_1", null, null, null, 100, 500, "eur",
                null, Instant.ofEpochSecond(NOW - 5), "dp_1"), e);
        FakeVendor.Request read = vendor.requests(CHARGE).get(0);
        assertEquals("Bearer " + Stripes.SECRET_KEY, read.header("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
        "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated"})
    void everyDisputeEventTypeIsRead(String type) throws Exception {
        vendor.on(CHARGE, Reply.json(200, PACK_CHARGE));

        assertEquals(Type.DISPUTE_LOST, verify("evt_t", type, dispute(500, "lost")).type());
    }

    @ParameterizedTest
    @CsvSource({"125,25", "499,99", "1,0", "500,100", "900,100"})
    void aPartialDisputeHoldsTheDisputedShareOfThePackRoundedDown(long disputed, long credits) throws Exception {
        vendor.on(CHARGE, Reply.json(200, PACK_CHARGE));

        PaymentEvent e = verify("evt_p", "charge.dispute.created", dispute(disputed, "needs_response"));

        assertEquals(credits, e.credits());
        assertEquals(disputed, e.amountMinor());
    }

    @Test
    void aSubscriptionChargeHasNoPackCredits() throws Exception {
        vendor.on(CHARGE, Reply.json(200, """
                {"id":"ch_1","object":"charge","amount":1500,"currency":"eur","customer":"cus_1","invoice":"in_1",
                 "metadata":{"account_id":"acc-1"}}"""));

        PaymentEvent e = verify("evt_s", "charge.dispute.created", dispute(1500, "needs_response"));

        assertEquals(Type.DISPUTE_OPENED, e.type());
        assertEquals("acc-1", e.accountId());
        assertEquals(0, e.credits());
    }

    @Test
    void aChargeStripeDoesNotHaveIsNotOurs() throws Exception {
        vendor.on(CHARGE, Reply.json(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}"));

        PaymentEvent e = verify("evt_n", "charge.dispute.closed", dispute(500, "lost"));

        assertEquals(Type.DISPUTE_LOST, e.type());
        assertNull(e.accountId());
        assertEquals(0, e.credits());
        assertEquals("dp_1", e.objectId());
    }

    @Test
    void aChargeWithoutOurMetadataIsNotOurs() throws Exception {
        vendor.on(CHARGE, Reply.json(200, "{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":500,\"metadata\":{}}"));

        PaymentEvent e = verify("evt_m", "charge.dispute.created", dispute(500, "needs_response"));

        assertNull(e.accountId());
        assertEquals(0, e.credits());
    }

    @Test
    void aChargeThatCannotBeReadNowIsUnavailableSoStripeRedelivers() {
        vendor.on(CHARGE, Reply.json(503, "{\"error\":{\"type\":\"api_error\"}}"),
                Reply.json(429, "{\"error\":{\"type\":\"rate_limit_error\"}}"), Reply.bytes(500, "text/html", new byte[] {'x'}));

        for (int i = 0; i < 3; i++) {
            PaymentException e = assertThrows(PaymentException.class,
                    () -> verify("evt_u", "charge.dispute.created", dispute(500, "needs_response")));
            assertEquals("processor_unavailable", e.code());
        }
    }

    @Test
    void anUnreachableStripeIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StripePaymentProcessor down = Stripes.processor("http://127.0.0.1:" + port, Map.of());
        byte[] body = utf8(event("evt_d", "charge.dispute.created", dispute(500, "needs_response")));

        assertEquals("processor_unavailable", assertThrows(PaymentException.class,
                () -> down.verifyWebhook(body, signed(body, NOW))).code());
    }

    @Test
    void aDisputeOfAMalformedChargeIdReadsNothing() throws Exception {
        PaymentEvent e = verify("evt_x", "charge.dispute.created", """
                {"id":"dp_1","object":"dispute","charge":"../v1/customers","amount":500,"currency":"eur",
                 "status":"needs_response"}""");

        assertNull(e.accountId());
        assertEquals(List.of(), vendor.requests());
    }

    private PaymentEvent verify(String id, String type, String object) throws Exception {
        byte[] body = utf8(event(id, type, object));
        return stripe.verifyWebhook(body, signed(body, NOW));
    }

    private static String dispute(long amount, String status) {
        return "{\"id\":\"dp_1\",\"object\":\"dispute\",\"charge\":\"ch_1\",\"amount\":" + amount
                + ",\"currency\":\"eur\",\"reason\":\"fraudulent\",\"status\":\"" + status + "\"}";
    }

    private static FakeVendor start() {
        try {
            return new FakeVendor();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
