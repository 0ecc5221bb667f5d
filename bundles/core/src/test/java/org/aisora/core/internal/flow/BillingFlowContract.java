package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.CheckoutView;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.credits.LedgerAccounts;
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
    private final Map<String, String> finalSubscriptionStatus = new java.util.concurrent.ConcurrentHashMap<>();
    /** Subscriptions the fake Stripe answers 500 for (an outage while an event is applied). */
    private final java.util.Set<String> unreachable = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
            if (unreachable.contains(id)) {
                return Reply.json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"outage\"}}");
            }
            String account = id.substring("sub_".length()).replace('_', '-');
            String status = finalSubscriptionStatus.getOrDefault(id, "active");
            return Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"" + status
                    + "\",\"customer\":\"cus_x\",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                    + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}");
        });
        install();
    }

    private BillingService install() {
        return install(platform.db);
    }

    /** (Re)creates the processor and the billing service on a node's stores: what a restart does to them. */
    private BillingService install(TestStores node) {
        StripePaymentProcessor processor = new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_storm", "_webhook_secret", SECRET, "api_base", stripe.baseUrl(),
                "products", new String[] {"pack-100=credits:100:price_pack:500:usd", "pro=plan:pro:price_pro:1500:usd"},
                "success_url", "https://app.example/ok", "cancel_url", "https://app.example/cancel",
                "portal_return_url", "https://app.example/billing")));
        platform.plugins().payments.add(processor, Map.of("service.ranking", 10));
        return new BillingServiceImpl(node.billing(), node.accounts(),
                platform.registry, (account, plan) -> 0,
                () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}), Clock.systemUTC());
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
    void aSubscriptionEventThatCannotBeCheckedWithStripeIs503AndWaitsForRedelivery() throws Exception {
        BillingService billing = install();
        Caller carl = user();
        String sub = "sub_" + carl.accountId().replace('-', '_');
        finalSubscriptionStatus.put(sub, "canceled");
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] deleted = event("evt_" + run + "_d", "customer.subscription.deleted",
                subscriptionObject(sub, carl.accountId(), "canceled")).getBytes(StandardCharsets.UTF_8);
        billing.webhook("stripe", deleted, signed(deleted));
        long before = balance(carl);
        // a stale invoice.paid arrives after the cancellation while Stripe cannot be asked
        unreachable.add(sub);
        byte[] late = event("evt_" + run + "_i", "invoice.paid", invoice("in_" + run, sub, carl.accountId()))
                .getBytes(StandardCharsets.UTF_8);
        AisoraException e = assertThrows(AisoraException.class, () -> billing.webhook("stripe", late, signed(late)));
        assertEquals(503, e.kind().status());
        assertEquals("processor_unavailable", e.code());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM payment_events WHERE event_id = ?", "evt_" + run + "_i"));
        assertEquals(before, balance(carl));
        assertEquals("free", billing.subscription(carl).plan(), "the stale event did not make the account pro");
        // redelivered once Stripe answers: the paid period's credits come, the plan stays what Stripe says
        unreachable.remove(sub);
        billing.webhook("stripe", late, signed(late));
        assertEquals(before + 2000, balance(carl));
        assertEquals("free", billing.subscription(carl).plan());
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

    /** A refund of part of a pack charge; Stripe's {@code amount_refunded} is cumulative. */
    private static String refund(String eventId, String charge, String account, long refunded) {
        return event(eventId, "charge.refunded", "{\"id\":\"" + charge + "\",\"object\":\"charge\",\"amount\":500,"
                + "\"amount_refunded\":" + refunded + ",\"currency\":\"usd\",\"refunded\":" + (refunded >= 500)
                + ",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pack-100\"}}");
    }

    @Test
    void twoPartialRefundsOfOneChargeTakeBackTheirSumOnceInAnyOrderAndAtOnce() throws Exception {
        BillingService billing = install();
        for (int round = 0; round < 8; round++) {
            Caller u = user();
            String a = u.accountId();
            String run = UUID.randomUUID().toString().substring(0, 8);
            deliver(billing, purchase("evt_" + run + "_p", "cs_" + run, a));
            long bought = balance(u);
            String charge = "ch_" + run + "_x";
            List<byte[]> refunds = new ArrayList<>(List.of(
                    refund("evt_" + run + "_r1", charge, a, 150).getBytes(StandardCharsets.UTF_8),
                    refund("evt_" + run + "_r2", charge, a, 400).getBytes(StandardCharsets.UTF_8),
                    refund("evt_" + run + "_r3", charge, a, 500).getBytes(StandardCharsets.UTF_8)));
            Collections.shuffle(refunds, new Random(round));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> done = new ArrayList<>();
            for (byte[] body : refunds) {
                for (int copy = 0; copy < 2; copy++) { // each delivered twice, all six at once
                    done.add(pool.submit(() -> { billing.webhook("stripe", body, signed(body)); return null; }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(bought - 100, balance(u), "the whole pack taken back once, round " + round);
            assertEquals(100, -platform.db.queryLong("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries"
                    + " WHERE ledger_account = ? AND UPPER(kind) = 'REFUND'", "user:" + a + ":available"));
        }
        // a partial refund after the credits were spent takes back only what is left
        Caller spender = user();
        String run = UUID.randomUUID().toString().substring(0, 8);
        deliver(billing, purchase("evt_" + run + "_p", "cs_" + run, spender.accountId()));
        long left = 30;
        long spent = balance(spender) - left;
        platform.db.ledger().post(LedgerAccounts.hold("spend-" + run, spender.accountId(), spent, Instant.now()));
        platform.db.ledger().post(LedgerAccounts.capture("spend-" + run, spender.accountId(), spent, Instant.now()));
        deliver(billing, refund("evt_" + run + "_r", "ch_" + run, spender.accountId(), 250));
        assertEquals(0, balance(spender), "50 due, 30 unspent: 30 taken, never below zero");
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    private static void deliver(BillingService billing, String event) throws Exception {
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        billing.webhook("stripe", body, signed(body));
    }

    @Test
    void aShuffledDuplicatedConcurrentStormWithARestartEndsLikeOneOrderedDelivery() throws Exception {
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
            long refunded = 0;
            if (i % 5 == 0) { // one pack refunded in two steps (cumulative amounts), whatever order they come in
                assertTrue(balance(u) >= 100, "a refund delivered before its purchase must find the credits");
                events.add(refund("evt_" + run + "_r" + i + "_a", "ch_" + run + "_" + i, a, 250));
                events.add(refund("evt_" + run + "_r" + i + "_b", "ch_" + run + "_" + i, a, 500));
                refunded = 100;
            }
            expectedCredits.put(a, balance(u) + 100L * purchases + 2000L * invoices - refunded);
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

        // First node: takes deliveries until it is killed midway. Queued deliveries are never answered, and
        // those in flight lose their answer whether or not their transaction committed (the process died
        // before the HTTP response). Like Stripe, the test redelivers every delivery that got no answer, to
        // a second node started afterwards on the same database with its own, fresh instances.
        TestStores first = platform.db.node();
        BillingService node = install(first);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<byte[], Future<?>> answers = new java.util.IdentityHashMap<>();
        int half = deliveries.size() / 2;
        for (byte[] body : deliveries.subList(0, half + 64)) {
            answers.put(body, pool.submit(() -> { node.webhook("stripe", body, signed(body)); return null; }));
        }
        while (answers.values().stream().filter(Future::isDone).count() < half) {
            Thread.sleep(1);
        }
        List<byte[]> unanswered = new ArrayList<>();
        answers.forEach((body, answer) -> {
            if (!answer.isDone()) {
                unanswered.add(body);
            }
        });
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        first.close();
        answers.forEach((body, answer) -> {
            if (!unanswered.contains(body) && !succeeded(answer)) {
                unanswered.add(body);
            }
        });

        TestStores second = platform.db.node();
        BillingService restarted = install(second);
        List<byte[]> pending = new ArrayList<>(unanswered);
        pending.addAll(deliveries.subList(half + 64, deliveries.size()));
        Collections.shuffle(pending, random);
        for (int round = 0; !pending.isEmpty(); round++) {
            assertTrue(round < 5, pending.size() + " deliveries still fail after 5 rounds");
            ExecutorService retry = Executors.newFixedThreadPool(16);
            Map<byte[], Future<?>> results = new java.util.IdentityHashMap<>();
            for (byte[] body : pending) {
                results.put(body, retry.submit(() -> { restarted.webhook("stripe", body, signed(body)); return null; }));
            }
            retry.shutdown();
            assertTrue(retry.awaitTermination(120, TimeUnit.SECONDS));
            pending = new ArrayList<>();
            for (Map.Entry<byte[], Future<?>> r : results.entrySet()) {
                if (!succeeded(r.getValue())) {
                    pending.add(r.getKey());
                }
            }
        }
        try {
            for (Caller u : users) {
                assertEquals(expectedCredits.get(u.accountId()), second.ledger().balance("user:" + u.accountId()
                        + ":available"), "credits of " + u.accountId());
                assertEquals(expectedPlan.get(u.accountId()), restarted.subscription(u).plan(), "plan of " + u.accountId());
            }
            assertTrue(unanswered.size() > 0, "the kill happened while deliveries were in flight or queued");
            assertEquals(events.size(), platform.db.queryLong("SELECT COUNT(*) FROM payment_events WHERE event_id LIKE ?",
                    "evt_" + run + "%"), "each event applied exactly once");
            assertEquals(List.of(), platform.db.ledger().audit());
        } finally {
            second.close();
        }
    }

    private static boolean succeeded(Future<?> answer) {
        if (!answer.isDone() || answer.isCancelled()) {
            return false;
        }
        try {
            answer.get();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
