package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.CheckoutView;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.payments.stripe.internal.StripeConfig;
import org.aisora.payments.stripe.internal.StripePaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Billing with the real Stripe adapter against a loopback server speaking Stripe's API, webhooks signed
 * with Stripe's algorithm, on the real stores: checkout idempotency, signature refusals that write
 * nothing, and a webhook storm (500 events delivered 3 to 5 times, shuffled, from 16 threads, with a
 * restart midway) that must end exactly where one in-order delivery would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BillingFlowContract {
    static final String SECRET = "whsec_test_storm";
    private TestPlatform platform;
    private FakeVendor stripe;
    private final Map<String, String> finalSubscriptionStatus = new HashMap<>();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        stripe = new FakeVendor();
        stripe.on("POST /v1/customers", req -> Reply.json(200, "{\"id\":\"cus_" + UUID.randomUUID().toString()
                .replace("-", "") + "\",\"object\":\"customer\"}"));
        stripe.on("POST /v1/checkout/sessions", req -> {
            String id = "cs_" + UUID.randomUUID().toString().replace("-", "");
            return Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"url\":"
                    + "\"https://checkout.stripe.com/c/pay/" + id + "\"}");
        });
        stripe.on("GET /v1/subscriptions/*", req -> {
            String id = req.path().substring("/v1/subscriptions/".length());
            String account = id.substring("sub_".length()).replace('_', '-');
            String status = finalSubscriptionStatus.getOrDefault(id, "active");
            return Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"" + status
                    + "\",\"customer\":\"cus_x\",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                    + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}");
        });
        install();
    }

    /** (Re)creates the processor and the billing service: what a restart of the platform does to them. */
    private BillingService install() {
        StripePaymentProcessor processor = new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_storm", "_webhook_secret", SECRET, "api_base", stripe.baseUrl(),
                "products", new String[] {"pack-100=credits:100:price_pack:500:usd", "pro=plan:pro:price_pro:1500:usd"},
                "success_url", "https://app.example/ok", "cancel_url", "https://app.example/cancel",
                "portal_return_url", "https://app.example/billing")));
        platform.plugins().payments.add(processor, Map.of("service.ranking", 10));
        return new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.db.ledger(),
                platform.registry, PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}),
                Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        stripe.close();
        platform.close();
    }

    static Map<String, String> signed(byte[] body) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return Map.of("stripe-signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body)));
    }

    static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + System.currentTimeMillis() / 1000
                + ",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    private Caller user() {
        return platform.register("b" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private long balance(Caller c) {
        return platform.credits.summary(c, 0, 1).balance();
    }

    @Test
    void checkoutReusesTheCustomerAndAnIdempotencyKeyReturnsTheSameSession() {
        BillingService billing = install();
        Caller ann = user();
        int customers = stripe.requests("POST /v1/customers").size();
        int sessions = stripe.requests("POST /v1/checkout/sessions").size();
        CheckoutView first = billing.checkout(ann, "pack-100", "k1");
        CheckoutView again = billing.checkout(ann, "pack-100", "k1");
        CheckoutView other = billing.checkout(ann, "pro", "k2");
        assertEquals(first, again, "same key, same session, no second call");
        assertEquals(sessions + 2, stripe.requests("POST /v1/checkout/sessions").size());
        assertEquals(customers + 1, stripe.requests("POST /v1/customers").size(), "one Stripe customer per account");
        assertEquals(other.processor(), "stripe");
        assertEquals("unknown_product", assertThrows(AisoraException.class,
                () -> billing.checkout(ann, "nope", null)).code());
        String sent = stripe.requests("POST /v1/checkout/sessions").get(sessions).header("Idempotency-Key");
        assertEquals(true, sent != null && sent.endsWith(":k1"), "the stored key goes to Stripe: " + sent);
    }

    @Test
    void aWebhookThatDoesNotVerifyIs400AndWritesNothing() throws Exception {
        BillingService billing = install();
        Caller bob = user();
        long before = balance(bob);
        long events = platform.db.queryLong("SELECT COUNT(*) FROM payment_events");
        byte[] body = purchase("evt_bad_" + UUID.randomUUID(), "cs_bad", bob.accountId()).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signed(body);
        byte[] reserialised = new String(body, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<byte[], Map<String, String>> bad : List.of(Map.entry(body, Map.<String, String>of()),
                Map.entry(reserialised, headers), Map.entry(body, Map.of("stripe-signature", "t=1,v1=00")))) {
            AisoraException e = assertThrows(AisoraException.class, () -> billing.webhook("stripe", bad.getKey(), bad.getValue()));
            assertEquals("invalid_signature", e.code());
            assertEquals(400, e.kind().status());
        }
        assertEquals(before, balance(bob));
        assertEquals(events, platform.db.queryLong("SELECT COUNT(*) FROM payment_events"));
        billing.webhook("stripe", body, headers);
        assertEquals(before + 100, balance(bob));
    }

    private static String purchase(String eventId, String session, String account) {
        return event(eventId, "checkout.session.completed", "{\"id\":\"" + session + "\",\"object\":\"checkout.session\","
                + "\"mode\":\"payment\",\"payment_status\":\"paid\",\"amount_total\":500,\"currency\":\"usd\","
                + "\"client_reference_id\":\"" + account + "\",\"metadata\":{\"account_id\":\"" + account
                + "\",\"product\":\"pack-100\"}}");
    }

    private static String subscriptionObject(String sub, String account, String status) {
        return "{\"id\":\"" + sub + "\",\"object\":\"subscription\",\"status\":\"" + status + "\",\"customer\":\"cus_x\","
                + "\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}";
    }

    private static String invoice(String id, String sub, String account) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"subscription\":\"" + sub + "\",\"amount_paid\":1500,"
                + "\"currency\":\"usd\",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"lines\":{\"data\":[{\"price\":{\"id\":\"price_pro\"},\"period\":{\"end\":"
                + (System.currentTimeMillis() / 1000 + 2_592_000) + "}}]}}";
    }

    @Test
    void aShuffledDuplicatedConcurrentStormWithARestartEndsLikeOneOrderedDelivery() throws Exception {
        AtomicReference<BillingService> billing = new AtomicReference<>(install());
        List<Caller> users = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Map<String, Long> expectedCredits = new HashMap<>();
        Map<String, String> expectedPlan = new HashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 50; i++) {
            Caller u = user();
            users.add(u);
            String a = u.accountId();
            String sub = "sub_" + a.replace('-', '_');
            boolean canceled = i % 2 == 1;
            finalSubscriptionStatus.put(sub, canceled ? "canceled" : "active");
            int purchases = 1 + i % 3;
            int invoices = 1 + i % 3;
            for (int p = 0; p < purchases; p++) {
                events.add(purchase("evt_" + run + "_p" + i + "_" + p, "cs_" + run + "_" + i + "_" + p, a));
            }
            events.add(event("evt_" + run + "_s" + i, "checkout.session.completed", "{\"id\":\"cs_" + run + "_sub" + i
                    + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"subscription\":\"" + sub
                    + "\",\"metadata\":{\"account_id\":\"" + a + "\",\"product\":\"pro\"}}"));
            for (int n = 0; n < invoices; n++) {
                events.add(event("evt_" + run + "_i" + i + "_" + n, "invoice.paid",
                        invoice("in_" + run + "_" + i + "_" + n, sub, a)));
            }
            events.add(event("evt_" + run + "_u" + i, "customer.subscription.updated", subscriptionObject(sub, a, "active")));
            if (canceled) {
                events.add(event("evt_" + run + "_d" + i, "customer.subscription.deleted",
                        subscriptionObject(sub, a, "canceled")));
            }
            expectedCredits.put(a, balance(u) + 100L * purchases + 2000L * invoices);
            expectedPlan.put(a, canceled ? "free" : "pro");
        }
        for (int n = 0; events.size() < 500; n++) {
            events.add(event("evt_" + run + "_x" + n, "customer.created", "{\"id\":\"cus_" + n + "\",\"object\":\"customer\"}"));
        }
        List<byte[]> deliveries = new ArrayList<>();
        Random random = new Random(42);
        for (String e : events) {
            for (int copies = 3 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(e.getBytes(StandardCharsets.UTF_8));
            }
        }
        Collections.shuffle(deliveries, random);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        int half = deliveries.size() / 2;
        for (int k = 0; k < deliveries.size(); k++) {
            byte[] body = deliveries.get(k);
            if (k == half) {
                for (Future<?> f : done) {
                    f.get();
                }
                billing.set(install()); // the restart: new processor and service instances on the same database
            }
            done.add(pool.submit(() -> {
                billing.get().webhook("stripe", body, signed(body));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        for (Caller u : users) {
            assertEquals(expectedCredits.get(u.accountId()), balance(u), "credits of " + u.accountId());
            assertEquals(expectedPlan.get(u.accountId()), billing.get().subscription(u).plan(), "plan of " + u.accountId());
        }
        assertEquals(events.size(), platform.db.queryLong("SELECT COUNT(*) FROM payment_events WHERE event_id LIKE ?",
                "evt_" + run + "%"), "each event applied exactly once");
        assertEquals(List.of(), platform.db.ledger().audit());
    }
}
