package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
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
 * Disputes with the real Stripe adapter against a loopback server speaking Stripe's API (the disputed
 * charge is read from it, as STRIPE-CONTRACT.md says), webhooks signed with Stripe's algorithm, on the real
 * stores: a storm of dispute events over several accounts (every event two or three times, shuffled, from 16
 * threads, some charges answering 503 once so their events are refused and delivered again) must leave the
 * ledger where one ordered delivery would, with the figures computed here from the disputes' outcomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DisputeFlowContract {
    private TestPlatform platform;
    private FakeVendor stripe;
    private BillingService billing;
    /** Charges as Stripe has them (id to JSON); a charge not here is 404 (not ours). */
    private final Map<String, String> charges = new ConcurrentHashMap<>();
    /** Charges whose next read answers 503 (an outage while their event is verified). */
    private final Set<String> unavailableOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusedReads = new AtomicInteger();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        stripe = new FakeVendor();
        stripe.on("GET /v1/charges/*", req -> {
            String id = req.path().substring("/v1/charges/".length());
            if (unavailableOnce.remove(id)) {
                refusedReads.incrementAndGet();
                return Reply.json(503, "{\"error\":{\"type\":\"api_error\",\"message\":\"outage\"}}");
            }
            String charge = charges.get(id);
            return charge == null ? Reply.json(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                    + "\"resource_missing\",\"param\":\"id\"}}") : Reply.json(200, charge);
        });
        StripePaymentProcessor processor = new StripePaymentProcessor(TestConfig.of(StripeConfig.class, Map.of(
                "_secret_key", "sk_test_disputes", "_webhook_secret", BillingFlowContract.SECRET,
                "api_base", stripe.baseUrl(),
                "products", new String[] {"pack-100=credits:100:price_pack:500:usd", "pro=plan:pro:price_pro:1500:usd"},
                "success_url", "https://app.example/ok", "cancel_url", "https://app.example/cancel",
                "portal_return_url", "https://app.example/billing")));
        platform.plugins().payments.add(processor, Map.of("service.ranking", 10));
        billing = new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.registry,
                (account, plan) -> 0,
                () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}), Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        stripe.close();
        platform.close();
    }

    private enum Outcome { WON, LOST, OPEN }

    /** One dispute of the storm, and what it should end as. */
    private record Dispute(String account, String id, String charge, long amount, long share, Outcome outcome) {
    }

    private Caller user() {
        return platform.register("d" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private long available(String account) {
        return platform.db.ledger().balance(LedgerAccounts.available(account));
    }

    private long disputed(String account) {
        return platform.db.ledger().balance(LedgerAccounts.disputed(account));
    }

    private void deliver(String event) throws Exception {
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        billing.webhook("stripe", body, BillingFlowContract.signed(body));
    }

    private static String pack(String charge, String account, String credits) {
        String metadata = "{\"account_id\":\"" + account + "\"" + (credits == null ? "" : ",\"credits\":\"" + credits + "\"")
                + "}";
        return "{\"id\":\"" + charge + "\",\"object\":\"charge\",\"amount\":500,\"currency\":\"usd\","
                + "\"customer\":\"cus_" + account.replace("-", "") + "\",\"metadata\":" + metadata + "}";
    }

    private static String disputeEvent(String eventId, String type, Dispute d, String status) {
        return BillingFlowContract.event(eventId, "charge.dispute." + type, "{\"id\":\"" + d.id() + "\",\"object\":"
                + "\"dispute\",\"charge\":\"" + d.charge() + "\",\"amount\":" + d.amount() + ",\"currency\":\"usd\","
                + "\"status\":\"" + status + "\"}");
    }

    /** Every event Stripe sends for a dispute with this outcome, in Stripe's order. */
    private static List<String> events(Dispute d, String run) {
        String e = "evt_" + run + "_" + d.id();
        List<String> all = new ArrayList<>(List.of(
                disputeEvent(e + "_c", "created", d, "needs_response"),
                disputeEvent(e + "_w", "funds_withdrawn", d, "needs_response"),
                disputeEvent(e + "_u", "updated", d, "under_review")));
        switch (d.outcome()) {
            case WON -> {
                all.add(disputeEvent(e + "_x", "closed", d, "won"));
                all.add(disputeEvent(e + "_r", "funds_reinstated", d, "won"));
            }
            case LOST -> all.add(disputeEvent(e + "_x", "closed", d, "lost"));
            case OPEN -> all.add(disputeEvent(e + "_v", "updated", d, "warning_under_review"));
        }
        return all;
    }

    @Test
    void aShuffledDuplicatedConcurrentDisputeStormEndsLikeOneOrderedDelivery() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Dispute> disputes = new ArrayList<>();
        Map<String, Long> base = new HashMap<>();
        // accounts with enough unspent credits for all their disputes: 2 to 4 packs, 1 to 3 disputes each
        for (int i = 0; i < 12; i++) {
            String a = user().accountId();
            int packs = 2 + i % 3;
            for (int p = 0; p < packs; p++) {
                deliver(purchase("evt_" + run + "_p" + i + "_" + p, "cs_" + run + "_" + i + "_" + p, a));
            }
            base.put(a, available(a));
            for (int j = 0; j < 1 + i % 3; j++) {
                String charge = "ch_" + run + "_" + i + "_" + j;
                charges.put(charge, pack(charge, a, "100"));
                long amount = j == 1 ? 250 : j == 2 ? 700 : 500; // a partial dispute, one above the charge
                long share = j == 1 ? 50 : 100;
                Outcome outcome = Outcome.values()[(i + j) % 3];
                disputes.add(new Dispute(a, "dp_" + run + "_" + i + "_" + j, charge, amount, share, outcome));
                if ((i + j) % 4 == 0) {
                    unavailableOnce.add(charge);
                }
            }
        }
        // accounts that spent all but 30 credits of their pack: a dispute holds (or takes) only what is left
        for (Outcome outcome : Outcome.values()) {
            String a = user().accountId();
            deliver(purchase("evt_" + run + "_s" + outcome, "cs_" + run + "_s" + outcome, a));
            long spent = available(a) - 30;
            platform.db.ledger().post(LedgerAccounts.hold("spend-" + run + a, a, spent, Instant.now()));
            platform.db.ledger().post(LedgerAccounts.capture("spend-" + run + a, a, spent, Instant.now()));
            base.put(a, available(a));
            String charge = "ch_" + run + "_s" + outcome;
            charges.put(charge, pack(charge, a, "100"));
            disputes.add(new Dispute(a, "dp_" + run + "_s" + outcome, charge, 500, 30, outcome));
        }
        // a dispute of a subscription charge (no pack: nothing to hold) and one of a charge that is not ours
        String subscriber = user().accountId();
        base.put(subscriber, available(subscriber));
        charges.put("ch_" + run + "_sub", pack("ch_" + run + "_sub", subscriber, null));
        disputes.add(new Dispute(subscriber, "dp_" + run + "_sub", "ch_" + run + "_sub", 1500, 0, Outcome.LOST));
        disputes.add(new Dispute(null, "dp_" + run + "_foreign", "ch_" + run + "_foreign", 500, 0, Outcome.LOST));

        Map<String, Long> expectedAvailable = new HashMap<>(base);
        Map<String, Long> expectedDisputed = new HashMap<>();
        Map<String, Long> expectedClawed = new HashMap<>();
        List<String> events = new ArrayList<>();
        for (Dispute d : disputes) {
            events.addAll(events(d, run));
            if (d.account() == null) {
                continue;
            }
            long share = d.share();
            if (d.outcome() != Outcome.WON) {
                expectedAvailable.merge(d.account(), -share, Long::sum);
            }
            expectedDisputed.merge(d.account(), d.outcome() == Outcome.OPEN ? share : 0, Long::sum);
            expectedClawed.merge(d.account(), d.outcome() == Outcome.LOST ? share : 0, Long::sum);
        }
        List<byte[]> deliveries = new ArrayList<>();
        Random random = new Random(7);
        for (String e : events) {
            for (int copies = 2 + random.nextInt(2); copies > 0; copies--) {
                deliveries.add(e.getBytes(StandardCharsets.UTF_8));
            }
        }
        Collections.shuffle(deliveries, random);

        int refused = 0;
        List<byte[]> pending = deliveries;
        for (int round = 0; !pending.isEmpty(); round++) {
            assertTrue(round < 8, pending.size() + " deliveries still fail after 8 rounds");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            Map<byte[], Future<?>> answers = new IdentityHashMap<>();
            for (byte[] body : pending) {
                answers.put(body, pool.submit(() -> {
                    billing.webhook("stripe", body, BillingFlowContract.signed(body));
                    return null;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
            pending = new ArrayList<>();
            for (Map.Entry<byte[], Future<?>> answer : answers.entrySet()) {
                try {
                    answer.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AisoraException ae && ae.kind().status() == 503) {
                        refused++;
                    }
                    pending.add(answer.getKey()); // Stripe delivers an unanswered or refused event again
                }
            }
        }

        assertTrue(refusedReads.get() > 0 && refused >= refusedReads.get(),
                "charges answered 503 and their events were refused: " + refusedReads + " reads, " + refused + " refusals");
        assertEquals(Set.of(), unavailableOnce, "every outage was met");
        for (String a : base.keySet()) {
            assertEquals(expectedAvailable.get(a), available(a), "available credits of " + a);
            assertEquals(expectedDisputed.getOrDefault(a, 0L), disputed(a), "disputed credits of " + a);
            assertEquals(expectedClawed.getOrDefault(a, 0L), -platform.db.queryLong("SELECT COALESCE(SUM(amount), 0)"
                    + " FROM ledger_entries WHERE ledger_account IN (?, ?) AND UPPER(kind) = 'CHARGEBACK'",
                    LedgerAccounts.available(a), LedgerAccounts.disputed(a)), "clawed back from " + a);
        }
        for (Dispute d : disputes) {
            String state = d.account() == null ? "none" : d.outcome() == Outcome.OPEN ? "OPENED" : d.outcome().name();
            assertEquals(state, platform.db.billing().dispute("stripe", d.id()).map(r -> r.state().name()).orElse("none"),
                    "state of " + d.id());
        }
        assertEquals(events.size(), platform.db.queryLong("SELECT COUNT(*) FROM payment_events WHERE event_id LIKE ?",
                "evt_" + run + "%dp%"), "each dispute event recorded exactly once");
        assertEquals(List.of(), platform.db.ledger().audit());
        // the user's own view lists where held credits went
        Dispute open = disputes.stream().filter(d -> d.outcome() == Outcome.OPEN && d.share() > 0).findFirst().orElseThrow();
        Caller owner = new Caller(open.account(), null, "user");
        assertTrue(platform.credits.summary(owner, 0, 200).entries().stream()
                .anyMatch(e -> e.bucket().equals("disputed") && e.amount() == open.share()), "the hold shows as disputed");
        // and the export: the disputed balance beside balance and reserved, the dispute in payments.json
        Map<String, String> export = export(owner);
        assertTrue(export.get("credits.json").contains("\"disputed\":" + expectedDisputed.get(open.account())),
                export.get("credits.json"));
        assertTrue(export.get("payments.json").contains("\"disputeId\":\"" + open.id() + "\""), export.get("payments.json"));
        assertTrue(export.get("payments.json").contains("\"state\":\"opened\""), export.get("payments.json"));
    }

    private Map<String, String> export(Caller owner) throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        new PrivacyPlatform(platform).privacy.export(owner, zip, PrivacyPlatform.CLIENT);
        Map<String, String> files = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.toByteArray()))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".json")) {
                    files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(" ", ""));
                }
            }
        }
        return files;
    }

    private static String purchase(String eventId, String session, String account) {
        return BillingFlowContract.event(eventId, "checkout.session.completed", "{\"id\":\"" + session
                + "\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"payment_status\":\"paid\",\"amount_total\":500,"
                + "\"currency\":\"usd\",\"client_reference_id\":\"" + account + "\",\"metadata\":{\"account_id\":\""
                + account + "\",\"product\":\"pack-100\"}}");
    }
}
