package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.generation.JobEngine;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several job engines ("nodes") on one database: every job runs once, a node never touches another's live
 * leases, expired ones are taken over, and a configuration edit or a stop repeats no provider call.
 */
abstract class JobLeaseFlowContract {
    static final long GRANT = 10_000;
    /** Long enough that a heartbeat (every third) survives a loaded 2-core machine; takeover tests wait it out. */
    static final long LEASE_SECONDS = 5;
    TestPlatform platform;
    CountingProvider counting;
    private final List<JobEngine> engines = new ArrayList<>();
    private final List<TestStores> nodes = new ArrayList<>();

    abstract TestStores database();

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", GRANT, "job_lease_seconds",
                LEASE_SECONDS, "job_drain_seconds", 10L));
        counting = new CountingProvider(platform.builtin, 400);
        platform.plugins().providers.remove(platform.builtin);
        platform.plugins().providers.add(counting, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        for (JobEngine e : engines) {
            e.stop();
        }
        for (TestStores s : nodes) {
            s.close();
        }
        platform.close();
    }

    /** Another node: its own stores (connection pool, EntityManagerFactory) on the same database, the same plugins. */
    JobEngine node(Map<String, Object> overrides, java.time.Clock clock) {
        TestStores stores = platform.db.node();
        nodes.add(stores);
        Map<String, Object> cfg = new HashMap<>(Map.of("poll_interval_ms", 10L, "scan_interval_ms", 100L,
                "job_lease_seconds", LEASE_SECONDS, "job_drain_seconds", 10L));
        cfg.putAll(overrides);
        JobEngine engine = JobEngine.standalone(stores.jobs(), stores.accounts(), stores.media(), platform.registry,
                platform.moderationCounters, TestConfig.jobs(cfg), TestConfig.media(cfg), TestConfig.node(cfg), clock);
        engines.add(engine);
        return engine;
    }

    JobEngine node() {
        return node(Map.of(), java.time.Clock.systemUTC());
    }

    Caller user() {
        return platform.register("u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
    }

    List<String> submit(Caller caller, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(platform.generations.submit(caller, new GenerationSubmission("text-to-image", "a lighthouse " + i,
                    null, null, 256, 256, null, (long) i, null), null).id());
        }
        return ids;
    }

    GenerationView status(Caller caller, String id, String status) throws InterruptedException {
        return platform.await(caller, id, v -> v.status().equals(status));
    }

    /** Running or already past it: a short job may finish between two polls. */
    GenerationView started(Caller caller, String id) throws InterruptedException {
        return platform.await(caller, id, v -> !v.status().equals("queued"));
    }

    String claimedBy(String jobId) {
        return platform.db.queryString("SELECT claimed_by FROM jobs WHERE id = ?", jobId);
    }

    /**
     * A job the way a node that died left it: running, with a lease (or none, from before leases). It is written
     * finished first and made running in one statement, so no engine claims it while it is being set up.
     */
    String leftRunning(Caller caller, String node, Instant leaseUntil) {
        Instant now = Instant.now();
        String jobId = UUID.randomUUID().toString();
        platform.db.jobs().enqueue(new JobRecord(jobId, caller.accountId(), "text-to-image", "after the crash", null,
                256, 256, 0, 3L, null, null, JobStatus.CANCELED, null, 5, null, null, now, null, null,
                now.plusSeconds(86400)), LedgerAccounts.hold(jobId, caller.accountId(), 5, now));
        assertEquals(1, platform.db.execute("UPDATE jobs SET status = 'RUNNING', provider = 'builtin', started_at = ?,"
                + " claimed_by = ?, lease_until = ? WHERE id = ?", now.toEpochMilli(), node,
                leaseUntil == null ? null : leaseUntil.toEpochMilli(), jobId));
        return jobId;
    }

    void assertEachCalledOnce(List<String> ids) {
        for (String id : ids) {
            assertEquals(1, counting.submits(id), "provider calls of job " + id + ": " + counting.all());
        }
        assertEquals(0, counting.cancels.get(), "no task was abandoned");
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    @Test
    void twoNodesRunEveryJobExactlyOnce() throws Exception {
        JobEngine b = node();
        Caller ann = user();
        List<String> ids = submit(ann, 24);
        for (String id : ids) {
            status(ann, id, "succeeded");
        }
        assertEachCalledOnce(ids);
        long byA = platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE claimed_by = ?", platform.engine.nodeId());
        long byB = platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE claimed_by = ?", b.nodeId());
        // which node wins how many is up to the database's locking (H2 may let one node win every race)
        assertEquals(24, byA + byB, "every job ran on a claim of one of the nodes: " + byA + " and " + byB);
        assertEquals(GRANT - 24 * 5, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
    }

    /** Before leases, a starting engine queued every running job again, the other nodes' too. */
    @Test
    void aStartingNodeLeavesLiveLeasesAloneAndTheHeartbeatKeepsThem() throws Exception {
        counting.millis((LEASE_SECONDS + 5) * 1000); // longer than the lease: only the heartbeat keeps the jobs
        Caller ann = user();
        List<String> ids = submit(ann, 3);
        for (String id : ids) {
            status(ann, id, "running");
        }
        JobEngine late = node();
        Thread.sleep((LEASE_SECONDS + 1) * 1000);
        for (String id : ids) {
            assertEquals("running", platform.generations.get(ann, id).status());
            assertEquals(platform.engine.nodeId(), claimedBy(id));
        }
        for (String id : ids) {
            status(ann, id, "succeeded");
        }
        assertEachCalledOnce(ids);
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE claimed_by = ?", late.nodeId()));
    }

    @Test
    void onlyAnExpiredLeaseIsTakenOverAndTheJobSettlesOnce() throws Exception {
        node();
        Caller ann = user();
        String dead = leftRunning(ann, "dead-node", Instant.now().plusSeconds(5));
        String legacy = leftRunning(ann, null, null);
        Thread.sleep(1000);
        assertEquals("running", platform.generations.get(ann, dead).status(), "its lease still runs");
        assertEquals("dead-node", claimedBy(dead));
        assertEquals(0, counting.submits(dead));
        status(ann, legacy, "succeeded"); // no lease at all: taken over at once
        status(ann, dead, "succeeded");
        assertNotEquals("dead-node", claimedBy(dead));
        assertEachCalledOnce(List.of(dead, legacy));
        assertEquals(GRANT - 10, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
    }

    @Test
    void aConfigEditDuringRunningJobsInterruptsAndRepeatsNothing() throws Exception {
        counting.millis(1000);
        Caller ann = user();
        List<String> ids = submit(ann, 8);
        started(ann, ids.get(0));
        Map<String, Object> edit = Map.of("workers", 2, "scan_interval_ms", 300L, "poll_interval_ms", 20L,
                "job_lease_seconds", 6L);
        platform.engine.modified(TestConfig.jobs(edit));
        Map<String, Object> again = Map.of("workers", 6, "poll_interval_ms", 10L, "job_lease_seconds", LEASE_SECONDS);
        platform.engine.modified(TestConfig.jobs(again));
        for (String id : ids) {
            status(ann, id, "succeeded");
        }
        assertEachCalledOnce(ids);
    }

    @Test
    void aGracefulStopFinishesRunningJobsAndFreesTheRest() throws Exception {
        counting.millis(3000);
        Caller ann = user();
        List<String> ids = submit(ann, 8);
        for (String id : ids.subList(0, 4)) {
            started(ann, id);
        }
        platform.engine.stop();
        for (String id : ids.subList(0, 4)) {
            assertEquals("succeeded", platform.generations.get(ann, id).status(), "finished, not interrupted");
        }
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED' AND claimed_by IS NOT NULL"),
                "no claim of a job that never started is left behind");
        node();
        for (String id : ids) {
            status(ann, id, "succeeded");
        }
        assertEachCalledOnce(ids);
    }

    /** Right after a start the providers register one by one: a recovered job waits for them, a while. */
    @Test
    void aRecoveredJobWaitsForItsProviderOnlyWithinTheGrace() throws Exception {
        platform.engine.stop(); // one node, on a clock the test moves
        MutableClock clock = new MutableClock(Instant.now());
        node(Map.of("provider_grace_seconds", 60L), clock);
        Caller ann = user();
        platform.plugins().providers.remove(counting);
        String early = leftRunning(ann, null, null);
        status(ann, early, "queued"); // taken over, waiting for a provider
        String fresh = submit(ann, 1).get(0);
        GenerationView refused = platform.await(ann, fresh, v -> v.status().equals("failed"));
        assertEquals("no_provider", refused.error().code(), "a new job does not wait");
        assertEquals("queued", platform.generations.get(ann, early).status());

        platform.plugins().providers.add(counting, Map.of());
        status(ann, early, "succeeded");

        platform.plugins().providers.remove(counting);
        String late = leftRunning(ann, null, null);
        status(ann, late, "queued");
        // the grace counts from this node's first look at the job, which follows the takeover by a poll: the clock
        // moves past it until the job fails (a move before that first look only shifts where the grace starts)
        GenerationView failed = platform.await(ann, late, v -> {
            clock.advance(Duration.ofSeconds(61));
            return v.status().equals("failed");
        });
        assertEquals("no_provider", failed.error().code(), "after the grace");
        assertEquals(1, counting.submits(early));
        assertEquals(0, counting.submits(late));
        assertEquals(GRANT - 5, platform.credits.summary(ann, 0, 10).balance(), "only the job that ran is charged");
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved(), "the failed jobs' holds are released");
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    @Test
    void activationDoesNoDatabaseWorkAndTheRecoveryRunsOnTheScheduler() throws Exception {
        platform.engine.stop();
        Caller ann = user();
        String left = leftRunning(ann, null, null);
        TestStores stores = platform.db.node();
        nodes.add(stores);
        Set<String> callers = ConcurrentHashMap.newKeySet();
        JobStore real = stores.jobs();
        // the real store, with a note of which thread calls it
        JobStore watched = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    callers.add(Thread.currentThread().getName());
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Map<String, Object> fast = Map.of("scan_interval_ms", 100L, "poll_interval_ms", 10L);
        engines.add(new JobEngine(watched, stores.accounts(), stores.media(), platform.registry,
                platform.moderationCounters, TestConfig.jobs(fast), TestConfig.media(fast), TestConfig.node(fast)));
        assertFalse(callers.contains(Thread.currentThread().getName()), "the constructor made no store call");
        status(ann, left, "succeeded");
        assertFalse(callers.contains(Thread.currentThread().getName()));
        assertTrue(callers.stream().anyMatch(n -> n.startsWith("aisora-timer-")), callers.toString());
        assertEachCalledOnce(List.of(left));
    }
}
