package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.billing.Dunning;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.notify.MailOutboxImpl;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.payments.stripe.internal.StripeConfig;
import org.aisora.payments.stripe.internal.StripePaymentProcessor;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dunning end to end: the real Stripe adapter against a loopback server speaking Stripe's API, signed webhooks,
 * the real stores, the retention sweeper and the mail outbox, on a clock the test moves over weeks. A pro user's
 * media (uploads, outputs, thumbnails, a rendition) and job logs survive a failed renewal that is recovered; a
 * renewal that stays unpaid past the grace, or a subscription that ends, downgrades the account, and its items
 * stay for the downgrade grace, then go. Each notice is queued once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DunningFlowContract {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    /** Upload, its thumbnail, the generated image, its thumbnail, a rendition of the upload. */
    private static final int MEDIA = 5;

    private TestPlatform platform;
    private FakeVendor stripe;
    private MutableClock clock;
    private RetentionSweeper sweeper;
    private Dunning dunning;
    private BillingServiceImpl billing;
    /** What the fake Stripe answers for GET /v1/subscriptions/{id}: the processor's current status. */
    private final Map<String, String> status = new ConcurrentHashMap<>();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        stripe = new FakeVendor();
        stripe.on("GET /v1/subscriptions/*", req -> {
            String id = req.path().substring("/v1/subscriptions/".length());
            String account = id.substring("sub_".length()).replace('_', '-');
            return Reply.json(200, subscription(id, account, status.getOrDefault(id, "active")));
        });
        platform.plugins().payments.add(new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_dunning", "_webhook_secret", BillingFlowContract.SECRET,
                "api_base", stripe.baseUrl(),
                "products", new String[] {"pro=plan:pro:price_pro:1500:usd"}, "success_url", "https://app.example/ok",
                "cancel_url", "https://app.example/cancel", "portal_return_url", "https://app.example/billing"))),
                Map.of("service.ranking", 10));
        clock = new MutableClock(Instant.now());
        Map<String, Object> settings = Map.of("retention_batch", 500, "retention_lease_seconds", 300L,
                "plans", new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE});
        Plans plans = TestConfig.plans(settings); // dunning.grace.days 14, downgrade.grace.days 7: the defaults
        sweeper = new RetentionSweeper(platform.db.retention(), platform.db.usage(), platform.registry,
                platform.vendorQueue, TestConfig.of(RetentionConfiguration.class, settings), plans, clock, null);
        dunning = Dunning.unscheduled(platform.db.billing(), platform.db.accounts(), plans, sweeper,
                new MailOutboxImpl(platform.db.outbox(), clock), clock);
        billing = BillingServiceImpl.withDunning(platform.db.billing(), platform.db.accounts(), platform.registry,
                dunning, plans::catalog, clock);
    }

    @AfterAll
    void stop() throws Exception {
        stripe.close();
        platform.close();
    }

    @BeforeEach
    void now() {
        clock.set(Instant.now());
    }

    private static String subscription(String id, String account, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"" + status + "\",\"customer\":\"cus_x\","
                + "\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"items\":{\"data\":[{\"price\":{\"id\":\"price_pro\"}}]}}";
    }

    private static String invoice(String id, String sub, String account, String amountField) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"subscription\":\"" + sub + "\",\"" + amountField
                + "\":1500,\"currency\":\"usd\",\"metadata\":{\"account_id\":\"" + account + "\",\"product\":\"pro\"},"
                + "\"lines\":{\"data\":[{\"price\":{\"id\":\"price_pro\"},\"period\":{\"end\":"
                + (System.currentTimeMillis() / 1000 + 2_592_000) + "}}]}}";
    }

    /** A user's subscription, as Stripe and the webhooks speak of it. */
    private final class Subscriber {
        final Caller caller;
        final String sub;
        final String run = UUID.randomUUID().toString().substring(0, 8);
        private int events;

        Subscriber() {
            caller = platform.register("d" + run + "@example.org", "1990-01-01");
            sub = "sub_" + caller.accountId().replace('-', '_');
        }

        String account() {
            return caller.accountId();
        }

        /** Stripe's subscription is now in {@code state}; {@code type} tells us (the event is re-read, as always). */
        void becomes(String state, String type) throws Exception {
            status.put(sub, state);
            String id = "evt_" + run + "_" + (events++);
            String object = switch (type) {
                case "invoice.paid" -> invoice("in_" + id, sub, account(), "amount_paid");
                case "invoice.payment_failed" -> invoice("in_" + id, sub, account(), "amount_due");
                case "checkout.session.completed" -> "{\"id\":\"cs_" + id + "\",\"object\":\"checkout.session\","
                        + "\"mode\":\"subscription\",\"subscription\":\"" + sub + "\",\"metadata\":{\"account_id\":\""
                        + account() + "\",\"product\":\"pro\"}}";
                default -> subscription(sub, account(), state);
            };
            byte[] body = BillingFlowContract.event(id, type, object).getBytes(StandardCharsets.UTF_8);
            billing.webhook("stripe", body, BillingFlowContract.signed(body));
            billing.webhook("stripe", body, BillingFlowContract.signed(body)); // Stripe delivers at least once
        }

        String plan() {
            return billing.subscription(caller).plan();
        }

        long media() {
            return platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", account());
        }

        long jobs() {
            return platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", account());
        }

        long notices(String kind) {
            return platform.db.queryLong("SELECT COUNT(*) FROM mail_outbox WHERE account_id = ? AND dedupe_key LIKE ?",
                    account(), kind + ":%");
        }

        String notice(String kind) {
            return platform.db.queryString("SELECT body FROM mail_outbox WHERE account_id = ? AND dedupe_key LIKE ?",
                    account(), kind + ":%");
        }
    }

    /** A pro subscriber with media of every kind and a job log, created now (real time: t0). */
    private Subscriber proWithItems() throws Exception {
        Subscriber s = new Subscriber();
        s.becomes("active", "checkout.session.completed");
        s.becomes("active", "invoice.paid");
        assertEquals("pro", s.plan());
        byte[] png = MediaFlowContract.png(64, 48);
        MediaView upload = platform.media.upload(s.caller, new ByteArrayInputStream(png), "image/png", png.length);
        GenerationView job = platform.generations.submit(s.caller, new GenerationSubmission("text-to-image",
                "a quiet harbour", null, null, 64, 64, null, null, null), null);
        platform.await(s.caller, job.id(), v -> v.status().equals("succeeded"));
        // a rendition of the upload, as the video pipeline writes one (blob, then row), with the pro expiry
        Instant created = upload.createdAt();
        BlobInfo blob = platform.storage.put(s.account() + "/" + UUID.randomUUID(),
                new ByteArrayInputStream(new byte[] {1, 2, 3}), "video/mp4");
        platform.db.media().insertAll(List.of(new MediaRecord(UUID.randomUUID().toString(), s.account(), null,
                upload.id(), "rendition", "video/mp4", 3, 1, 1, blob.storeId(), blob.key(), blob.sha256(), "ready",
                created, created.plus(Duration.ofDays(30)))));
        assertEquals(MEDIA, s.media(), "upload, output, two thumbnails, a rendition");
        assertEquals(1, s.jobs());
        assertEquals(created.plus(Duration.ofDays(30)), upload.expiresAt(), "pro retention");
        return s;
    }

    /** Moves the clock to t0 + {@code after} and runs a sweep there (it re-derives every expiry first). */
    private void sweepAt(Instant t0, Duration after) {
        clock.set(t0.plus(after));
        sweeper.run(false);
    }

    @Test
    void aProUsersTwentyDayOldItemsSurviveAPastDuePeriodAndARecoveredPayment() throws Exception {
        Instant t0 = Instant.now();
        Subscriber s = proWithItems();

        clock.set(t0.plus(Duration.ofDays(20)));
        s.becomes("past_due", "invoice.payment_failed");
        assertEquals("pro", s.plan(), "a failed renewal keeps the plan during the grace");
        sweepAt(t0, Duration.ofDays(20).plus(HOUR));
        s.becomes("past_due", "customer.subscription.updated");
        sweepAt(t0, Duration.ofDays(25));
        dunning.check();
        assertEquals("pro", s.plan(), "within the grace nothing is downgraded");
        sweepAt(t0, Duration.ofDays(27));
        assertEquals("pro", s.plan());
        assertEquals(MEDIA, s.media(), "the 20-day-old items survive the sweeps of the past_due period");
        assertEquals(1, s.jobs());

        clock.set(t0.plus(Duration.ofDays(28)));
        s.becomes("active", "invoice.paid");
        assertEquals("pro", s.plan());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM subscriptions WHERE account_id = ?"
                + " AND dunning_since IS NOT NULL", s.account()), "recovered: the dunning mark is cleared");
        sweepAt(t0, Duration.ofDays(29));
        assertEquals(MEDIA, s.media());
        assertEquals(1, s.notices("dunning"), "one payment-failed notice for the whole past_due period");
        assertTrue(s.notice("dunning").contains(minute(t0.plus(Duration.ofDays(34)))), s.notice("dunning"));
        assertEquals(0, s.notices("downgrade"), "never downgraded");

        sweepAt(t0, Duration.ofDays(30).plus(HOUR));
        assertEquals(0, s.media(), "and they go when pro retention ends, as for any pro user");
        assertEquals(0, s.jobs());
    }

    @Test
    void pastDueLongerThanTheGraceDowngradesAndItemsStayForTheDowngradeGrace() throws Exception {
        Instant t0 = Instant.now();
        Subscriber s = proWithItems();

        clock.set(t0.plus(DAY));
        s.becomes("past_due", "invoice.payment_failed");
        clock.set(t0.plus(Duration.ofDays(3)));
        s.becomes("past_due", "customer.subscription.updated"); // a later failure does not move the grace on
        sweepAt(t0, Duration.ofDays(10));
        clock.set(t0.plus(Duration.ofDays(15)).minus(HOUR));
        dunning.check();
        assertEquals("pro", s.plan(), "the grace counts from the first failure, and is not over");
        assertEquals(MEDIA, s.media(), "items 7 to 14 days old kept during the grace");

        Instant downgradedAt = t0.plus(Duration.ofDays(15)).plus(HOUR);
        clock.set(downgradedAt);
        assertTrue(dunning.check() >= 1, "the grace counted from the first failure ran out");
        dunning.check();
        assertEquals("free", s.plan());
        assertEquals(downgradedAt.toEpochMilli(), platform.db.queryLong("SELECT downgraded_at FROM accounts"
                + " WHERE id = ?", s.account()), "the downgrade is recorded with the plan");
        clock.set(downgradedAt.plus(HOUR));
        s.becomes("past_due", "invoice.payment_failed"); // Stripe retries the payment: still the first failure's grace
        assertEquals("free", s.plan(), "a later failure does not start the grace again");

        sweepAt(t0, Duration.ofDays(16));
        sweepAt(t0, Duration.ofDays(22)); // an hourly re-derivation does not move the floor
        assertEquals(MEDIA, s.media(), "15-day-old items of a now free user stay for the downgrade grace");
        assertEquals(1, s.jobs());
        Instant floor = downgradedAt.plus(Duration.ofDays(7));
        assertEquals(floor.toEpochMilli(), platform.db.queryLong("SELECT MIN(expires_at) FROM media WHERE owner_id = ?",
                s.account()));
        sweepAt(t0, Duration.between(t0, floor).minus(HOUR));
        assertEquals(MEDIA, s.media());

        sweepAt(t0, Duration.between(t0, floor).plus(HOUR));
        assertEquals(0, s.media(), "then they go");
        assertEquals(0, s.jobs());
        assertEquals(1, s.notices("dunning"));
        assertEquals(1, s.notices("downgrade"));
        assertTrue(s.notice("downgrade").contains(minute(floor)), s.notice("downgrade"));
    }

    @Test
    void afterTheSubscriptionEndsItemsStayForTheDowngradeGraceAndThenGo() throws Exception {
        Instant t0 = Instant.now();
        Subscriber s = proWithItems();

        Instant endedAt = t0.plus(Duration.ofDays(20));
        clock.set(endedAt);
        s.becomes("canceled", "customer.subscription.deleted");
        assertEquals("free", s.plan(), "an ended subscription downgrades at once");
        s.becomes("canceled", "customer.subscription.updated");
        sweepAt(t0, Duration.ofDays(20).plus(HOUR));
        sweepAt(t0, Duration.ofDays(27).minus(HOUR));
        assertEquals(MEDIA, s.media(), "items older than free retention stay for the downgrade grace");
        assertEquals(1, s.jobs());
        dunning.check();
        assertEquals("free", s.plan());

        sweepAt(t0, Duration.ofDays(27).plus(HOUR));
        assertEquals(0, s.media(), "and are deleted after it, not kept forever");
        assertEquals(0, s.jobs());
        assertEquals(0, s.notices("dunning"));
        assertEquals(1, s.notices("downgrade"), "one notice for the downgrade, whatever was redelivered");
        assertTrue(s.notice("downgrade").contains(minute(endedAt.plus(Duration.ofDays(7)))),
                s.notice("downgrade"));
    }

    @Test
    void anIncompleteFirstPaymentGrantsNothing() throws Exception {
        Subscriber s = new Subscriber();
        s.becomes("incomplete", "checkout.session.completed");
        s.becomes("incomplete", "customer.subscription.updated");
        assertEquals("free", s.plan());
        clock.advance(Duration.ofDays(20));
        dunning.check();
        assertEquals("free", s.plan());
        assertEquals(0, s.notices("dunning"));
        assertEquals(0, s.notices("downgrade"));
    }

    /** Notices show instants to the minute, in UTC. */
    private static String minute(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }
}
