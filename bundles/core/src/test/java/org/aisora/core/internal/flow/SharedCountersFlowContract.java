package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.store.JobEnqueue;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two platforms ("nodes") on one database, each with its own stores, engine and services: the limits that must
 * hold across nodes (sign-in delays, requests per minute, concurrent jobs, credits) hold when the requests are
 * split over both, at the same moment.
 */
abstract class SharedCountersFlowContract {
    private static final String PLAN = "free=monthly.credits:100,retention.days:7,max.concurrent.jobs:%d,"
            + "requests.per.minute:%d,max.video.seconds:10,max.upload.mb:10";
    private final List<TestPlatform> nodes = new ArrayList<>();

    abstract TestStores database();

    /** Node A on a fresh database, node B on the same one. */
    private TestPlatform[] twoNodes(Map<String, Object> cfg) throws Exception {
        TestPlatform a = new TestPlatform(database(), cfg);
        nodes.add(a);
        TestPlatform b = new TestPlatform(a.db.node(), cfg);
        nodes.add(b);
        return new TestPlatform[] {a, b};
    }

    private static Map<String, Object> plan(int maxConcurrent, int perMinute, long grant) {
        return Map.of("plans", new String[] {String.format(PLAN, maxConcurrent, perMinute)}, "signup_grant_credits",
                grant, "image_tile_credits", 1L);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void signInDelaysEarnedOnOneNodeHoldOnTheOther() throws Exception {
        TestPlatform[] n = twoNodes(Map.of());
        String email = "t" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        n[0].register(email, "1990-05-01");
        for (int i = 0; i < 5; i++) {
            AisoraException wrong = assertThrows(AisoraException.class,
                    () -> n[0].accounts.login(email, "not the password", null));
            assertEquals("invalid_credentials", wrong.code());
        }
        AisoraException held = assertThrows(AisoraException.class,
                () -> n[1].accounts.login(email, "a long password", null));
        assertEquals("too_many_login_attempts", held.code(), "the five failures on A count on B");
        assertEquals(429, held.kind().status());
        Thread.sleep(1100); // the first delay is 1 s
        n[1].accounts.login(email, "a long password", null);
        assertEquals("invalid_credentials", assertThrows(AisoraException.class,
                () -> n[0].accounts.login(email, "not the password", null)).code(),
                "the success on B cleared the account on A: free failures again");
    }

    @Test
    void requestsPerMinuteHoldAcrossNodesUnderConcurrency() throws Exception {
        TestPlatform[] n = twoNodes(plan(10_000, 10, 10_000));
        Caller ann = n[0].register("r" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
        // 24 submissions at once, half through each node: the bucket holds 10 (a token comes back every 6 s)
        Map<String, Integer> outcomes = race(24, i -> () -> outcome(n[i % 2], ann, i));
        assertEquals(Map.of("accepted", 10, "rate_limited", 14), outcomes);
        assertEquals(10, n[0].db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", ann.accountId()));
    }

    @Test
    void theConcurrencyCapHoldsAcrossNodesUnderABurst() throws Exception {
        TestPlatform[] n = twoNodes(plan(3, 1_000_000, 10_000));
        for (TestPlatform node : n) {
            // jobs run long, so the three admitted stay queued or running during the whole burst
            node.plugins().providers.remove(node.builtin);
            node.plugins().providers.add(new CountingProvider(node.builtin, 10_000), Map.of());
        }
        Caller bo = n[0].register("c" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
        Map<String, Integer> outcomes = race(16, i -> () -> outcome(n[i % 2], bo, i));
        assertEquals(Map.of("accepted", 3, "too_many_concurrent_jobs", 13), outcomes);
        assertEquals(3, n[1].db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", bo.accountId()));
    }

    @Test
    void concurrentSubmitsOnBothNodesNeverOverdraw() throws Exception {
        TestPlatform[] n = twoNodes(plan(10_000, 1_000_000, 10));
        Caller cy = n[0].register("o" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
        // 64x64 costs one credit: ten fit, whichever node takes them
        Map<String, Integer> outcomes = race(30, i -> () -> outcome(n[i % 2], cy, i));
        assertEquals(Map.of("accepted", 10, "insufficient_credits", 20), outcomes);
        assertEquals(10, n[0].db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", cy.accountId()));
        assertEquals(0, n[1].db.ledger().balance(LedgerAccounts.available(cy.accountId())));
        // the audit reads balances and entries apart: it is taken once the admitted jobs have settled
        settled(n[0], cy);
        assertEquals(List.of(), n[0].db.ledger().audit(), "every balance is the sum of its entries");
    }

    @Test
    void aFailedInsertLeavesNoHoldAndNoCount() throws Exception {
        TestPlatform[] n = twoNodes(plan(10_000, 10, 100));
        Caller dee = n[0].register("f" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
        String first = n[0].generations.submit(dee, image(1), null).id();
        // the job runs on node A meanwhile: its settlement would move the balances read before and after the clash
        settled(n[0], dee);
        long available = n[0].db.ledger().balance(LedgerAccounts.available(dee.accountId()));
        long held = n[0].db.ledger().balance(LedgerAccounts.held(dee.accountId()));
        String rate = org.aisora.core.internal.limits.RequestRateLimiter.key(dee.accountId());
        long tokens = n[0].db.counters().find(rate, Instant.now()).orElseThrow().count();
        // the second job reuses the first one's id: its insert fails after the counters and before the hold
        Instant now = Instant.now();
        JobRecord clash = new JobRecord(first, dee.accountId(), "text-to-image", "again", null, 64, 64, 0, 2L, null,
                null, JobStatus.QUEUED, null, 7, null, null, now, null, null, now.plusSeconds(3600));
        assertThrows(RuntimeException.class, () -> n[1].db.jobs().submit(dee.accountId(), List.of(rate), now,
                state -> {
                    state.counters().put(rate, new org.aisora.api.store.CounterRecord(rate, 0, 0, 10,
                            now.plusSeconds(60)));
                    return new JobEnqueue(clash, LedgerAccounts.hold(UUID.randomUUID().toString(), dee.accountId(),
                            7, now));
                }));
        assertEquals(available, n[0].db.ledger().balance(LedgerAccounts.available(dee.accountId())));
        assertEquals(held, n[0].db.ledger().balance(LedgerAccounts.held(dee.accountId())));
        assertEquals(tokens, n[0].db.counters().find(rate, Instant.now()).orElseThrow().count(),
                "the counter written before the failed insert was rolled back with it");
        assertEquals(1, n[0].db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", dee.accountId()));
        assertEquals(List.of(), n[0].db.ledger().audit());
    }

    @Test
    void arefusalAfterTheTokenKeepsTheTokenTakenAndHoldsNothing() throws Exception {
        TestPlatform[] n = twoNodes(plan(10_000, 3, 2));
        Caller eve = n[0].register("k" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
        n[0].generations.submit(eve, image(1), null);
        n[1].generations.submit(eve, image(2), null);
        assertEquals("insufficient_credits", assertThrows(AisoraException.class,
                () -> n[0].generations.submit(eve, image(3), null)).code());
        assertEquals("rate_limited", assertThrows(AisoraException.class,
                () -> n[1].generations.submit(eve, image(4), null)).code(),
                "the refused third request took the last of the three tokens, as before");
        assertEquals(2, n[0].db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", eve.accountId()));
    }

    /** Waits (up to a minute) until none of the caller's jobs is queued or running; fails if some still are. */
    private static void settled(TestPlatform node, Caller caller) throws InterruptedException {
        String active = "SELECT COUNT(*) FROM jobs WHERE owner_id = ? AND status IN ('QUEUED', 'RUNNING')";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.db.queryLong(active, caller.accountId()) > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertEquals(0, node.db.queryLong(active, caller.accountId()), "the admitted jobs settled within a minute");
    }

    private static GenerationSubmission image(long seed) {
        return new GenerationSubmission("text-to-image", "a lighthouse " + seed, null, null, 64, 64, null, seed, null);
    }

    private static String outcome(TestPlatform node, Caller caller, int i) {
        try {
            node.generations.submit(caller, image(i), null);
            return "accepted";
        } catch (AisoraException e) {
            return e.code();
        }
    }

    /** n actions released together, one thread each; how often each answer came. */
    private static Map<String, Integer> race(int n, IntFunction<Callable<String>> actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<String> action = actions.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            Map<String, Integer> counts = new TreeMap<>();
            for (Future<String> f : futures) {
                counts.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertTrue(counts.values().stream().mapToInt(Integer::intValue).sum() == n);
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
