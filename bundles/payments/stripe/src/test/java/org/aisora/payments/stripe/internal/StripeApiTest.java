package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.Stripes.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.payment.CheckoutRequest;
import org.aisora.api.payment.CheckoutSession;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.Product;
import org.aisora.api.payment.SubscriptionState;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StripeApiTest {
    private static final String SESSIONS = "POST /v1/checkout/sessions";
    private static final String CUSTOMERS = "POST /v1/customers";
    private static final String SESSION_JSON = "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\","
            + "\"url\":\"https://checkout.stripe.com/c/pay/cs_test_1\",\"customer\":\"cus_9\"}";

    private final FakeVendor vendor = start();
    private final StripePaymentProcessor stripe = Stripes.processor(vendor.baseUrl(), Map.of());

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void checkoutOfACreditPackReusesTheCustomerAndSendsTheDocumentedFields() throws Exception {
        vendor.on(SESSIONS, Reply.json(200, SESSION_JSON));

        CheckoutSession session = stripe.checkout(request("cus_9", "pack-100"));

        assertEquals(new CheckoutSession("cs_test_1", "https://checkout.stripe.com/c/pay/cs_test_1", "cus_9"), session);
        assertEquals(List.of(), vendor.requests(CUSTOMERS), "the given customer is reused, no second customer");
        assertEquals(1, vendor.requests().size());
        FakeVendor.Request sent = vendor.requests().get(0);
        assertEquals("Bearer " + Stripes.SECRET_KEY, sent.header("Authorization"));
        assertEquals("idem-42", sent.header("Idempotency-Key"));
        assertTrue(sent.header("Content-Type").startsWith("application/x-www-form-urlencoded"), sent.header("Content-Type"));
        assertEquals(com.stripe.Stripe.API_VERSION, sent.header("Stripe-Version"),
                "blank api.version sends the version stripe-java's models are built for");
        assertEquals(Map.ofEntries(Map.entry("mode", "payment"), Map.entry("customer", "cus_9"),
                Map.entry("line_items[0][price]", "price_123"), Map.entry("line_items[0][quantity]", "1"),
                Map.entry("success_url", "https://app.example/paid?s={CHECKOUT_SESSION_ID}"),
                Map.entry("cancel_url", "https://app.example/pricing"), Map.entry("client_reference_id", "acc-1"),
                Map.entry("metadata[account_id]", "acc-1"), Map.entry("metadata[product]", "pack-100"),
                Map.entry("metadata[credits]", "100"), Map.entry("payment_intent_data[metadata][account_id]", "acc-1"),
                Map.entry("payment_intent_data[metadata][product]", "pack-100"),
                Map.entry("payment_intent_data[metadata][credits]", "100")), form(sent.body()));
    }

    @Test
    void checkoutOfAPlanIsASubscriptionCarryingTheAccountOnTheSubscription() throws Exception {
        vendor.on(SESSIONS, Reply.json(200, SESSION_JSON));

        stripe.checkout(request("cus_9", "pro"));

        Map<String, String> fields = form(vendor.requests(SESSIONS).get(0).body());
        assertEquals("subscription", fields.get("mode"));
        assertEquals("price_456", fields.get("line_items[0][price]"));
        assertEquals("acc-1", fields.get("subscription_data[metadata][account_id]"));
        assertEquals("pro", fields.get("subscription_data[metadata][plan]"));
        assertEquals("pro", fields.get("metadata[product]"));
        assertFalse(fields.containsKey("payment_intent_data[metadata][account_id]"),
                "subscription mode refuses payment_intent_data");
    }

    @Test
    void checkoutWithoutACustomerCreatesOneUnderADerivedIdempotencyKeyFirst() throws Exception {
        vendor.on(CUSTOMERS, Reply.json(200, "{\"id\":\"cus_new\",\"object\":\"customer\"}"));
        vendor.on(SESSIONS, Reply.json(200, SESSION_JSON));

        CheckoutSession session = stripe.checkout(request(null, "pack-100"));

        assertEquals("cus_new", session.customerId());
        List<FakeVendor.Request> all = vendor.requests();
        assertEquals(List.of("/v1/customers", "/v1/checkout/sessions"), all.stream().map(FakeVendor.Request::path).toList());
        assertEquals(Map.of("email", "ada@example.org", "metadata[account_id]", "acc-1"), form(all.get(0).body()));
        assertEquals("idem-42-customer", all.get(0).header("Idempotency-Key"));
        assertEquals("idem-42", all.get(1).header("Idempotency-Key"));
        assertEquals("cus_new", form(all.get(1).body()).get("customer"));
    }

    @Test
    void theConfiguredApiVersionIsSent() throws Exception {
        StripePaymentProcessor pinned = Stripes.processor(vendor.baseUrl(), Map.of("api_version", "2025-03-31.basil"));
        vendor.on(SESSIONS, Reply.json(200, SESSION_JSON));

        pinned.checkout(request("cus_9", "pro"));

        assertEquals("2025-03-31.basil", vendor.requests().get(0).header("Stripe-Version"));
    }

    @Test
    void anUnknownProductIsRefusedWithoutACall() {
        PaymentException e = assertThrows(PaymentException.class, () -> stripe.checkout(request("cus_9", "nope")));

        assertEquals("unknown_product", e.code());
        assertEquals(List.of(), vendor.requests());
    }

    @Test
    void a401IsAProcessorErrorAndTakesStripeOffline() {
        vendor.on(SESSIONS, Reply.json(401, "{\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Invalid API Key provided: sk_test_***123\"}}"));
        assertEquals(PluginHealth.online(), stripe.health());

        PaymentException e = failure();

        assertEquals("processor_error", e.code());
        assertTrue(e.getMessage().contains("secret key"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_test"), "nothing of the key or Stripe's text is repeated");
        assertEquals(PluginHealth.offline("secret key refused"), stripe.health());
    }

    @Test
    void a429And5xxAreUnavailableAndLeaveHealthAlone() {
        vendor.on(SESSIONS, Reply.json(429, "{\"error\":{\"type\":\"rate_limit_error\"}}"),
                Reply.json(500, "{\"error\":{\"type\":\"api_error\"}}"), Reply.bytes(503, "text/html", new byte[] {'x'}));

        assertEquals("processor_unavailable", failure().code());
        assertEquals("processor_unavailable", failure().code());
        assertEquals("processor_unavailable", failure().code());
        assertEquals(PluginHealth.online(), stripe.health());
    }

    @Test
    void anUnreachableStripeIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StripePaymentProcessor down = Stripes.processor("http://127.0.0.1:" + port, Map.of());

        PaymentException e = assertThrows(PaymentException.class, () -> down.checkout(request("cus_9", "pack-100")));
        assertEquals("processor_unavailable", e.code());
    }

    @Test
    void another4xxIsAProcessorErrorNamingStripesCodeButNotItsMessage() {
        vendor.on(SESSIONS, Reply.json(400, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                + "\"param\":\"customer\",\"message\":\"No such customer: 'cus_9' for ada@example.org\"}}"));

        PaymentException e = failure();

        assertEquals("processor_error", e.code());
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("resource_missing")
                && e.getMessage().contains("param customer"), e.getMessage());
        assertFalse(e.getMessage().contains("ada@example.org"), e.getMessage());
    }

    @Test
    void thePortalIsABillingPortalSessionForTheCustomer() throws Exception {
        vendor.on("POST /v1/billing_portal/sessions",
                Reply.json(200, "{\"id\":\"bps_1\",\"url\":\"https://billing.stripe.com/p/session/test_1\"}"));

        assertEquals("https://billing.stripe.com/p/session/test_1", stripe.portal("cus_9", "https://app.example/me"));
        assertEquals("https://billing.stripe.com/p/session/test_1", stripe.portal("cus_9", null));

        List<FakeVendor.Request> sent = vendor.requests();
        assertEquals(Map.of("customer", "cus_9", "return_url", "https://app.example/me"), form(sent.get(0).body()));
        assertEquals(Map.of("customer", "cus_9", "return_url", "https://app.example/billing"), form(sent.get(1).body()));
        assertEquals("Bearer " + Stripes.SECRET_KEY, sent.get(0).header("Authorization"));
    }

    @Test
    void aSubscriptionIsReadFromStripe() throws Exception {
        vendor.on("GET /v1/subscriptions/sub_1", Reply.json(200, """
                {"id":"sub_1","object":"subscription","customer":"cus_9","status":"trialing",
                 "metadata":{"account_id":"acc-1"},
                 "items":{"data":[{"id":"si_1","current_period_end":1802592000,"price":{"id":"price_456"}}]}}"""));

        Optional<SubscriptionState> state = stripe.subscription("sub_1");

        assertEquals(Optional.of(new SubscriptionState("sub_1", "cus_9", "acc-1", "pro", "trialing",
                Instant.ofEpochSecond(1_802_592_000L), true)), state);
        assertEquals("GET", vendor.requests().get(0).method());
        assertEquals("Bearer " + Stripes.SECRET_KEY, vendor.requests().get(0).header("Authorization"));
    }

    @Test
    void anUnknownOrMalformedSubscriptionIdIsEmpty() throws Exception {
        vendor.on("GET /v1/subscriptions/sub_gone", Reply.json(404, "{\"error\":{\"code\":\"resource_missing\"}}"));

        assertEquals(Optional.empty(), stripe.subscription("sub_gone"));
        assertEquals(Optional.empty(), stripe.subscription("../v1/customers"));
        assertEquals(1, vendor.requests().size());
    }

    private PaymentException failure() {
        return assertThrows(PaymentException.class, () -> stripe.checkout(request("cus_9", "pack-100")));
    }

    private static CheckoutRequest request(String customer, String productId) {
        return new CheckoutRequest("acc-1", "ada@example.org", customer,
                new Product(productId, productId, 0, null, 0, "usd", "price_from_the_caller_is_ignored"), "idem-42");
    }

    private static FakeVendor start() {
        try {
            return new FakeVendor();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
