package org.aisora.payments.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ending billing of an erased account, against a loopback server speaking Stripe's documented API. */
class CloseCustomerTest {
    private static final String LIST = "GET /v1/subscriptions";
    private static final String DELETE_CUSTOMER = "DELETE /v1/customers/cus_9";
    private static final String DELETED = "{\"id\":\"cus_9\",\"object\":\"customer\",\"deleted\":true}";
    private static final String MISSING = "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
            + "\"message\":\"No such customer: 'cus_9'\"}}";

    private final FakeVendor vendor = start();
    private final StripePaymentProcessor stripe = Stripes.processor(vendor.baseUrl(), Map.of());

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void cancelsEveryLiveSubscriptionAtOnceAndDeletesTheCustomerUnderDerivedKeys() throws Exception {
        vendor.on(LIST, Reply.json(200, list(false, sub("sub_1", "active"), sub("sub_2", "canceled"),
                sub("sub_3", "past_due"), sub("sub_4", "incomplete_expired"), sub("sub_5", "trialing"))));
        vendor.on("DELETE /v1/subscriptions/*", req -> Reply.json(200, sub(req.path().substring(18), "canceled")));
        vendor.on(DELETE_CUSTOMER, Reply.json(200, DELETED));

        BillingClosure closure = stripe.closeCustomer("cus_9", "close-1");

        assertEquals(new BillingClosure(List.of("sub_1", "sub_3", "sub_5"), true), closure);
        List<FakeVendor.Request> sent = vendor.requests();
        assertEquals(List.of("GET /v1/subscriptions", "DELETE /v1/subscriptions/sub_1", "DELETE /v1/subscriptions/sub_3",
                "DELETE /v1/subscriptions/sub_5", "DELETE /v1/customers/cus_9"),
                sent.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(Map.of("customer", "cus_9", "status", "all", "limit", "100"), Stripes.form(utf8(sent.get(0).query())));
        assertEquals("Bearer " + Stripes.SECRET_KEY, sent.get(0).header("Authorization"));
        for (int i = 1; i <= 3; i++) {
            String sub = sent.get(i).path().substring(18);
            assertEquals("close-1-cancel-" + sub, sent.get(i).header("Idempotency-Key"));
            assertEquals(Map.of("invoice_now", "false", "prorate", "false"), Stripes.form(utf8(sent.get(i).query())),
                    "no proration, no final invoice");
        }
        assertEquals("close-1-customer", sent.get(4).header("Idempotency-Key"));
    }

    @Test
    void followsHasMoreWithStartingAfterTheLastId() throws Exception {
        vendor.on(LIST, req -> req.query().contains("starting_after=sub_2")
                ? Reply.json(200, list(false, sub("sub_3", "active")))
                : Reply.json(200, list(true, sub("sub_1", "canceled"), sub("sub_2", "active"))));
        vendor.on("DELETE /v1/subscriptions/*", req -> Reply.json(200, sub(req.path().substring(18), "canceled")));
        vendor.on(DELETE_CUSTOMER, Reply.json(200, DELETED));

        assertEquals(new BillingClosure(List.of("sub_2", "sub_3"), true), stripe.closeCustomer("cus_9", "k"));
        assertEquals(2, vendor.requests(LIST).size());
        assertEquals("sub_2", Stripes.form(utf8(vendor.requests(LIST).get(1).query())).get("starting_after"));
    }

    @Test
    void aCustomerStripeNoLongerHasIsClosedWithoutFurtherCalls() throws Exception {
        vendor.on(LIST, Reply.json(404, MISSING));

        assertEquals(new BillingClosure(List.of(), true), stripe.closeCustomer("cus_9", "k"));
        assertEquals(1, vendor.requests().size());
    }

    @Test
    void aSubscriptionOrCustomerAlreadyGoneCountsAsDone() throws Exception {
        vendor.on(LIST, Reply.json(200, list(false, sub("sub_1", "active"), sub("sub_2", "active"))));
        vendor.on("DELETE /v1/subscriptions/sub_1", Reply.json(404, MISSING));
        vendor.on("DELETE /v1/subscriptions/sub_2", Reply.json(200, sub("sub_2", "canceled")));
        vendor.on(DELETE_CUSTOMER, Reply.json(404, MISSING));

        assertEquals(new BillingClosure(List.of("sub_2"), true), stripe.closeCustomer("cus_9", "k"),
                "sub_1 was canceled before: not listed as canceled now");
    }

    @Test
    void aRepeatAfterAFailureFinishesTheJobUnderTheSameKeys() throws Exception {
        vendor.on(LIST, Reply.json(200, list(false, sub("sub_1", "active"))));
        vendor.on("DELETE /v1/subscriptions/sub_1", Reply.json(200, sub("sub_1", "canceled")));
        vendor.on(DELETE_CUSTOMER, Reply.json(503, "{\"error\":{\"type\":\"api_error\"}}"), Reply.json(200, DELETED));

        PaymentException e = assertThrows(PaymentException.class, () -> stripe.closeCustomer("cus_9", "k"));
        assertEquals("processor_unavailable", e.code());
        assertEquals(new BillingClosure(List.of("sub_1"), true), stripe.closeCustomer("cus_9", "k"));
        assertEquals(List.of("k-cancel-sub_1", "k-cancel-sub_1"), vendor.requests("DELETE /v1/subscriptions/sub_1")
                .stream().map(r -> r.header("Idempotency-Key")).toList());
    }

    @Test
    void outagesAreUnavailableSoTheCoreRetries() {
        vendor.on(LIST, Reply.json(503, "{\"error\":{\"type\":\"api_error\"}}"),
                Reply.json(429, "{\"error\":{\"type\":\"rate_limit_error\"}}"), Reply.bytes(502, "text/html", new byte[] {'x'}));

        for (int i = 0; i < 3; i++) {
            assertEquals("processor_unavailable", assertThrows(PaymentException.class,
                    () -> stripe.closeCustomer("cus_9", "k")).code());
        }
        assertEquals(PluginHealth.online(), stripe.health());
    }

    @Test
    void aFailedCancelIsUnavailableAndTheCustomerIsKept() {
        vendor.on(LIST, Reply.json(200, list(false, sub("sub_1", "active"))));
        vendor.on("DELETE /v1/subscriptions/sub_1", Reply.json(500, "{\"error\":{\"type\":\"api_error\"}}"));

        assertEquals("processor_unavailable", assertThrows(PaymentException.class,
                () -> stripe.closeCustomer("cus_9", "k")).code());
        assertEquals(List.of(), vendor.requests("DELETE /v1/customers"), "no customer deleted while a subscription may bill");
    }

    @Test
    void anUnreachableStripeIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StripePaymentProcessor down = Stripes.processor("http://127.0.0.1:" + port, Map.of());

        assertEquals("processor_unavailable", assertThrows(PaymentException.class,
                () -> down.closeCustomer("cus_9", "k")).code());
    }

    @Test
    void aRefusedKeyIsAnErrorAndTakesStripeOffline() {
        vendor.on(LIST, Reply.json(401, "{\"error\":{\"type\":\"invalid_request_error\"}}"));

        assertEquals("processor_error", assertThrows(PaymentException.class,
                () -> stripe.closeCustomer("cus_9", "k")).code());
        assertEquals(PluginHealth.offline("secret key refused"), stripe.health());
    }

    @Test
    void anotherRefusalIsAnError() {
        vendor.on(LIST, Reply.json(400, "{\"error\":{\"type\":\"invalid_request_error\",\"param\":\"customer\"}}"));

        PaymentException e = assertThrows(PaymentException.class, () -> stripe.closeCustomer("cus_9", "k"));
        assertEquals("processor_error", e.code());
        assertTrue(e.getMessage().contains("param customer"), e.getMessage());
    }

    @Test
    void a404ThatIsNotStripesResourceMissingIsAnErrorNotAClosedCustomer() {
        // no route: the fake answers 404 with an error that has no code, as a proxy in the way might
        PaymentException e = assertThrows(PaymentException.class, () -> stripe.closeCustomer("cus_9", "k"));

        assertEquals("processor_error", e.code());
    }

    @Test
    void aMalformedCustomerIdIsRefusedWithoutACall() {
        for (String id : new String[] {"../v1/charges", "cus 9", "", "cus_9?expand=x"}) {
            assertEquals("processor_error", assertThrows(PaymentException.class,
                    () -> stripe.closeCustomer(id, "k")).code(), id);
        }
        assertEquals(List.of(), vendor.requests());
    }

    private static String list(boolean hasMore, String... subscriptions) {
        return "{\"object\":\"list\",\"url\":\"/v1/subscriptions\",\"has_more\":" + hasMore + ",\"data\":["
                + String.join(",", subscriptions) + "]}";
    }

    private static String sub(String id, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"customer\":\"cus_9\",\"status\":\"" + status
                + "\",\"metadata\":{\"account_id\":\"acc-1\"}}";
    }

    private static byte[] utf8(String s) {
        return Stripes.utf8(s == null ? "" : s);
    }

    private static FakeVendor start() {
        try {
            return new FakeVendor();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
