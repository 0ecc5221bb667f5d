package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;
import org.aisora.api.service.PrivacyService;
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.billingclosure.BillingClosureConfig;
import org.aisora.core.internal.billingclosure.BillingClosureWorker;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.payments.stripe.internal.StripeConfig;
import org.aisora.payments.stripe.internal.StripePaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.aisora.providers.support.testing.FakeVendor.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deleting an account ends its billing at Stripe: the real Stripe adapter against a loopback server
 * speaking Stripe's API (STRIPE-CONTRACT.md), the real privacy service and stores. The erasure queues the
 * customer's closure and tries it at once; a 503 leaves it queued (and the receipt says so), the worker
 * retries it with the same idempotency keys, and a row leased to one worker is not run by another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BillingClosureFlowContract {
    private TestPlatform platform;
    private PrivacyPlatform privacy;
    private FakeVendor stripe;
    private BillingService billing;
    /** Stripe's subscriptions per customer: id to status. */
    private final Map<String, Map<String, String>> subscriptions = new ConcurrentHashMap<>();
    /** The next subscription cancel answers 503 (an outage mid-step). */
    private final AtomicBoolean failNextCancel = new AtomicBoolean();
    /** Customers whose deletion Stripe answers only once released (a step still running when another worker looks). */
    private final List<String> slow = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch releaseSlow = new java.util.concurrent.CountDownLatch(1);

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        privacy = new PrivacyPlatform(platform);
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
            return Reply.json(200, subscription(id, "cus_x", account, "active"));
        });
        stripe.on("GET /v1/subscriptions", req -> {
            String customer = query(req, "customer");
            Map<String, String> subs = subscriptions.get(customer);
            if (subs == null) {
                return Reply.json(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}");
            }
            StringBuilder data = new StringBuilder();
            subs.forEach((id, status) -> data.append(data.length() == 0 ? "" : ",")
                    .append(subscription(id, customer, "x", status)));
            return Reply.json(200, "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":false}");
        });
        stripe.on("DELETE /v1/subscriptions/*", req -> {
            if (failNextCancel.getAndSet(false)) {
                return Reply.json(503, "{\"error\":{\"type\":\"api_error\",\"message\":\"outage\"}}");
            }
            String id = req.path().substring("/v1/subscriptions/".length());
            subscriptions.values().forEach(subs -> subs.computeIfPresent(id, (k, v) -> "canceled"));
            return Reply.json(200, subscription(id, "cus_x", "x", "canceled"));
        });
        stripe.on("DELETE /v1/customers/*", req -> {
            String id = req.path().substring("/v1/customers/".length());
            subscriptions.remove(id);
            Reply deleted = Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"customer\",\"deleted\":true}");
            return slow.contains(id) ? FakeVendor.heldUntil(releaseSlow, deleted).apply(req) : deleted;
        });
        platform.plugins().payments.add(new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_closure", "_webhook_secret", BillingFlowContract.SECRET,
                "api_base", stripe.baseUrl(),
                "products", new String[] {"pack-100=credits:100:price_pack:500:usd", "pro=plan:pro:price_pro:1500:usd"},
                "success_url", "https://app.example/ok", "cancel_url", "https://app.example/cancel",
                "portal_return_url", "https://app.example/billing"))), Map.of("service.ranking", 10));
        billing = new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.registry,
                (account, plan) -> 0,
                () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}), Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        stripe.close();
        platform.close();
    }

    private static String query(Request req, String name) {
        for (String pair : (req.query() == null ? "" : req.query()).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String subscription(String id, String customer, String account, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"" + status + "\",\"customer\":\""
                + customer + "\",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}";
    }

    private BillingClosureWorker worker(TestStores node, Clock clock) {
        return new BillingClosureWorker(node.billingClosures(), id -> platform.plugins().payments.get(id),
                TestConfig.of(BillingClosureConfig.class, Map.of("retry_base_seconds", 60L, "max_attempts", 5)),
                clock, null);
    }

    /** A user with a Stripe customer and an active pro subscription (a live one and an old canceled one at Stripe). */
    private record Subscriber(Caller caller, String email, String customer, String subscription) {
    }

    private Subscriber subscriber() throws Exception {
        String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Caller c = platform.register(email, "1990-01-01");
        billing.checkout(c, "pro", "k-" + UUID.randomUUID());
        String customer = platform.db.billing().customerId(c.accountId(), "stripe").orElseThrow();
        String sub = "sub_" + c.accountId().replace('-', '_');
        subscriptions.put(customer, new ConcurrentHashMap<>(Map.of(sub, "active", sub + "_old", "canceled")));
        byte[] body = BillingFlowContract.event("evt_" + UUID.randomUUID().toString().replace("-", ""),
                "checkout.session.completed", "{\"id\":\"cs_" + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"subscription\":\"" + sub
                        + "\",\"metadata\":{\"account_id\":\"" + c.accountId() + "\",\"product\":\"pro\"}}")
                .getBytes(StandardCharsets.UTF_8);
        billing.webhook("stripe", body, BillingFlowContract.signed(body));
        assertEquals("pro", billing.subscription(c).plan());
        return new Subscriber(c, email, customer, sub);
    }

    private void assertNoCustomerIdIn(DeletionReceiptView receipt, Subscriber s) {
        String content = String.valueOf(platform.db.queryLong("SELECT COUNT(*) FROM deletion_receipts WHERE id = ?"
                + " AND (content LIKE ? OR content LIKE ?)", receipt.id(), "%" + s.customer() + "%",
                "%" + s.subscription() + "%"));
        assertEquals("0", content, "the receipt names no customer or subscription");
    }

    @Test
    void aDeletionCancelsTheSubscriptionAndDeletesTheCustomerRetryingAfterA503WithTheSameKeys() throws Exception {
        Subscriber carl = subscriber();
        failNextCancel.set(true);
        DeletionReceiptView receipt = privacy.privacy.deleteByEmail(carl.email(), PrivacyService.Reason.ADMIN_REQUEST);

        assertTrue(receipt.thirdParties().contains(new ThirdPartyDeletion("stripe", "billing", "queued", 1)),
                "the receipt says billing's end is queued: " + receipt.thirdParties());
        assertEquals(1L, receipt.counts().get("payments.billing_queued"));
        assertNoCustomerIdIn(receipt, carl);
        String cancel = "DELETE /v1/subscriptions/" + carl.subscription();
        assertEquals(1, stripe.requests(cancel).size(), "the live subscription's cancel was tried (503)");
        assertEquals(0, stripe.requests("DELETE /v1/subscriptions/" + carl.subscription() + "_").size(),
                "a subscription already canceled is not canceled again");
        assertEquals(0, stripe.requests("DELETE /v1/customers/" + carl.customer()).size());
        BillingClosureRecord row = platform.db.billingClosures().find("stripe", carl.customer()).orElseThrow();
        assertEquals(BillingClosureRecord.Status.PENDING, row.status());
        assertEquals("processor_unavailable", row.lastError());
        assertEquals(1, row.attempts());
        assertTrue(row.nextAttemptAt().isAfter(Instant.now()), "backed off: " + row.nextAttemptAt());

        assertEquals(0, worker(platform.db, Clock.systemUTC()).runOnce(), "not due before its backoff");
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        assertEquals(1, worker(platform.db, later).runOnce());

        List<Request> cancels = stripe.requests(cancel);
        assertEquals(2, cancels.size());
        assertEquals(row.idempotencyKey() + "-cancel-" + carl.subscription(), cancels.get(0).header("Idempotency-Key"));
        assertEquals(cancels.get(0).header("Idempotency-Key"), cancels.get(1).header("Idempotency-Key"),
                "the retry carries the same idempotency key");
        assertTrue(cancels.get(1).query().contains("prorate=false") && cancels.get(1).query().contains("invoice_now=false"));
        List<Request> deletions = stripe.requests("DELETE /v1/customers/" + carl.customer());
        assertEquals(1, deletions.size(), "the customer is deleted at Stripe");
        assertEquals(row.idempotencyKey() + "-customer", deletions.get(0).header("Idempotency-Key"));

        BillingClosureRecord done = platform.db.billingClosures().find("stripe", carl.customer()).orElseThrow();
        assertEquals(BillingClosureRecord.Status.DONE, done.status());
        assertEquals(1, done.subscriptionsCanceled());
        assertTrue(done.customerDeleted());
        assertEquals(0, worker(platform.db, Clock.offset(Clock.systemUTC(), Duration.ofDays(2))).runOnce(),
                "a done row is never run again");
        assertEquals(1, stripe.requests("DELETE /v1/customers/" + carl.customer()).size());
    }

    @Test
    void whenStripeAnswersAtOnceTheReceiptSaysBillingEndedWithTheSubscriptionCanceled() throws Exception {
        Subscriber dana = subscriber();
        DeletionReceiptView receipt = privacy.privacy.deleteByEmail(dana.email(), PrivacyService.Reason.ADMIN_REQUEST);
        assertTrue(receipt.thirdParties().contains(new ThirdPartyDeletion("stripe", "billing", "done", 1)),
                receipt.thirdParties().toString());
        assertEquals(1L, receipt.counts().get("payments.subscriptions_canceled"));
        assertEquals(1L, receipt.counts().get("payments.customers_deleted"));
        assertNoCustomerIdIn(receipt, dana);
        assertEquals(1, stripe.requests("DELETE /v1/subscriptions/" + dana.subscription()).size());
        assertEquals(1, stripe.requests("DELETE /v1/customers/" + dana.customer()).size());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM billing_customers WHERE account_id = ?",
                dana.caller().accountId()), "the billing rows are pseudonymised as before");
    }

    @Test
    void aRowLeasedToOneNodeIsNotRunByAnother() throws Exception {
        String customer = "cus_lease_" + UUID.randomUUID().toString().replace("-", "");
        subscriptions.put(customer, new ConcurrentHashMap<>());
        slow.add(customer);
        platform.db.billingClosures().enqueue(BillingClosureRecord.queued(UUID.randomUUID().toString(), "stripe",
                customer, Instant.now()));
        TestStores a = platform.db.node();
        TestStores b = platform.db.node();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = pool.submit(() -> worker(a, Clock.systemUTC()).runOnce());
            long deadline = System.currentTimeMillis() + 10_000;
            while (stripe.requests("DELETE /v1/customers/" + customer).isEmpty()) {
                assertTrue(System.currentTimeMillis() < deadline, "the first node reached Stripe");
                Thread.sleep(5);
            }
            assertEquals(0, worker(b, Clock.systemUTC()).runOnce(), "the second node leaves the leased row alone");
            assertFalse(first.isDone(), "the first node was still running the row");
            releaseSlow.countDown();
            assertEquals(1, first.get());
            assertEquals(0, worker(b, Clock.systemUTC()).runOnce());
            assertEquals(1, stripe.requests("DELETE /v1/customers/" + customer).size());
            assertEquals(1, stripe.requests("GET /v1/subscriptions").stream()
                    .filter(r -> customer.equals(query(r, "customer"))).count(), "the step ran once");
            assertEquals(BillingClosureRecord.Status.DONE,
                    platform.db.billingClosures().find("stripe", customer).orElseThrow().status());
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
    }
}
