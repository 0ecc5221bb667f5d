package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases on jobs on a real database: exclusive claims between nodes, the heartbeat, takeover only after expiry. */
abstract class JobLeaseStoreContract {
    private TestStores stores;
    private JobStore jobs;

    abstract TestStores open();

    @BeforeEach
    void boot() {
        stores = open(); // a database per test: claims see every queued row, so tests must not share one
        jobs = stores.jobs();
    }

    @AfterEach
    void shutdown() throws Exception {
        stores.close();
    }

    private JobRecord queued(Instant createdAt) {
        JobRecord job = Fixtures.job(Fixtures.id(), 0, null, createdAt);
        jobs.enqueue(job, null);
        return job;
    }

    private String claimedBy(String jobId) {
        return stores.queryString("SELECT claimed_by FROM jobs WHERE id = ?", jobId);
    }

    private long leaseUntil(String jobId) {
        return stores.queryLong("SELECT lease_until FROM jobs WHERE id = ?", jobId);
    }

    @Test
    void aClaimIsALeaseOnlyItsNodeRunsUntilItRunsOut() {
        JobRecord older = queued(T0);
        JobRecord newer = queued(T0.plusSeconds(1));
        List<JobRecord> mine = jobs.claimQueued("node-a", T0.plusSeconds(2), T0.plusSeconds(62), 1);
        assertEquals(List.of(older.id()), mine.stream().map(JobRecord::id).toList(), "oldest first, up to the limit");
        assertEquals(JobStatus.QUEUED, mine.get(0).status(), "a claim does not start the job");
        assertEquals("node-a", claimedBy(older.id()));
        assertEquals(T0.plusSeconds(62).toEpochMilli(), leaseUntil(older.id()));

        assertEquals(List.of(newer.id()), jobs.claimQueued("node-b", T0.plusSeconds(3), T0.plusSeconds(63), 10)
                .stream().map(JobRecord::id).toList(), "a live claim is not claimed again");
        assertFalse(jobs.claim(older.id(), "node-b", T0.plusSeconds(30), T0.plusSeconds(90)));
        assertTrue(jobs.claim(older.id(), "node-a", T0.plusSeconds(30), T0.plusSeconds(90)), "its own claim is renewed");
        assertFalse(jobs.markRunning(older.id(), "node-b", T0.plusSeconds(31), T0.plusSeconds(91)),
                "only the claim's holder starts the job");
        assertTrue(jobs.markRunning(older.id(), "node-a", T0.plusSeconds(31), T0.plusSeconds(91)));
        JobRecord running = jobs.find(older.id()).orElseThrow();
        assertEquals(JobStatus.RUNNING, running.status());
        assertEquals(T0.plusSeconds(31), running.startedAt());
        assertEquals(T0.plusSeconds(91).toEpochMilli(), leaseUntil(older.id()));
        assertFalse(jobs.claim(older.id(), "node-a", T0.plusSeconds(32), T0.plusSeconds(92)), "running is not queued");

        // node-b's claim on the newer job runs out unrenewed: anyone may claim it again
        assertEquals(List.of(), jobs.claimQueued("node-c", T0.plusSeconds(62), T0.plusSeconds(122), 10));
        assertEquals(List.of(newer.id()), jobs.claimQueued("node-c", T0.plusSeconds(64), T0.plusSeconds(124), 10)
                .stream().map(JobRecord::id).toList());
        assertFalse(jobs.markRunning(newer.id(), "node-b", T0.plusSeconds(65), T0.plusSeconds(125)), "node-b lost it");
    }

    @Test
    void theHeartbeatExtendsOnlyTheNodesOwnLiveJobs() {
        JobRecord a1 = queued(T0);
        JobRecord a2 = queued(T0.plusMillis(1));
        JobRecord b1 = queued(T0.plusMillis(2));
        JobRecord done = queued(T0.plusMillis(3));
        jobs.claimQueued("node-a", T0, T0.plusSeconds(60), 2);
        assertTrue(jobs.claim(b1.id(), "node-b", T0, T0.plusSeconds(60)));
        assertTrue(jobs.claim(done.id(), "node-a", T0, T0.plusSeconds(60)));
        assertTrue(jobs.complete(new JobCompletion(done.id(), JobStatus.CANCELED, null, null, List.of(), null, T0)));
        assertTrue(jobs.markRunning(a2.id(), "node-a", T0, T0.plusSeconds(60)));

        assertEquals(2, jobs.extendLeases("node-a", T0.plusSeconds(100)), "one queued and one running job");
        assertEquals(T0.plusSeconds(100).toEpochMilli(), leaseUntil(a1.id()));
        assertEquals(T0.plusSeconds(100).toEpochMilli(), leaseUntil(a2.id()));
        assertEquals(T0.plusSeconds(60).toEpochMilli(), leaseUntil(b1.id()), "another node's lease is untouched");
        assertEquals(T0.plusSeconds(60).toEpochMilli(), leaseUntil(done.id()), "a finished job holds no lease");
        assertEquals(0, jobs.extendLeases("node-z", T0.plusSeconds(100)));

        assertEquals(List.of(), jobs.takeOverExpired("node-b", T0.plusSeconds(90), T0.plusSeconds(150), 10),
                "the heartbeat kept node-a's running job");
    }

    @Test
    void onlyExpiredLeasesOfRunningJobsAreTakenOver() {
        JobRecord live = queued(T0);
        JobRecord dead = queued(T0.plusMillis(1));
        JobRecord legacy = queued(T0.plusMillis(2));
        JobRecord waiting = queued(T0.plusMillis(3));
        jobs.claim(live.id(), "node-a", T0, T0.plusSeconds(60));
        jobs.markRunning(live.id(), "node-a", T0.plusSeconds(1), T0.plusSeconds(60));
        jobs.claim(dead.id(), "node-b", T0, T0.plusSeconds(30));
        jobs.markRunning(dead.id(), "node-b", T0.plusSeconds(2), T0.plusSeconds(30));
        assertTrue(jobs.markRunning(legacy.id(), "builtin", T0.plusSeconds(3)), "a row from before leases");

        List<JobRecord> taken = jobs.takeOverExpired("node-c", T0.plusSeconds(31), T0.plusSeconds(91), 10);
        assertEquals(List.of(dead.id(), legacy.id()), taken.stream().map(JobRecord::id).toList());
        for (JobRecord t : taken) {
            assertEquals(JobStatus.QUEUED, t.status());
            assertEquals(null, t.provider());
            assertNotNull(t.startedAt(), "the start time marks an interrupted run");
            assertEquals("node-c", claimedBy(t.id()));
            assertEquals(T0.plusSeconds(91).toEpochMilli(), leaseUntil(t.id()));
        }
        assertEquals(JobStatus.RUNNING, jobs.find(live.id()).orElseThrow().status());
        assertEquals("node-a", claimedBy(live.id()));
        assertEquals(JobStatus.QUEUED, jobs.find(waiting.id()).orElseThrow().status());
        assertEquals(null, claimedBy(waiting.id()), "queued jobs are claimed, not taken over");
        assertFalse(jobs.markRunning(dead.id(), "node-b", T0.plusSeconds(32), T0.plusSeconds(92)), "node-b lost it");
        assertEquals(List.of(), jobs.claimQueued("node-d", T0.plusSeconds(32), T0.plusSeconds(92), 10).stream()
                .filter(j -> !j.id().equals(waiting.id())).toList(), "the taken jobs are node-c's");
        assertEquals(List.of(), jobs.takeOverExpired("node-d", T0.plusSeconds(59), T0.plusSeconds(119), 10));
        assertEquals(List.of(live.id()), jobs.takeOverExpired("node-d", T0.plusSeconds(61), T0.plusSeconds(121), 10)
                .stream().map(JobRecord::id).toList(), "once its lease ran out");
    }

    @Test
    void aGracefulStopReleasesOnlyJobsThatNeverStarted() {
        JobRecord waiting = queued(T0);
        JobRecord running = queued(T0.plusMillis(1));
        JobRecord others = queued(T0.plusMillis(2));
        jobs.claimQueued("node-a", T0, T0.plusSeconds(60), 2);
        jobs.markRunning(running.id(), "node-a", T0, T0.plusSeconds(60));
        jobs.claim(others.id(), "node-b", T0, T0.plusSeconds(60));
        assertFalse(jobs.release(others.id(), "node-a"), "only the holder releases a claim");
        assertTrue(jobs.release(others.id(), "node-b"));
        assertTrue(jobs.claim(others.id(), "node-b", T0, T0.plusSeconds(60)));
        assertEquals(1, jobs.releaseQueued("node-a"));
        assertEquals(null, claimedBy(waiting.id()));
        assertEquals("node-a", claimedBy(running.id()), "a running job keeps its lease until it runs out");
        assertEquals("node-b", claimedBy(others.id()));
        assertEquals(List.of(waiting.id()), jobs.claimQueued("node-c", T0.plusSeconds(1), T0.plusSeconds(61), 10)
                .stream().map(JobRecord::id).toList(), "released: claimable at once");
        assertEquals(List.of(), jobs.takeOverExpired("node-c", T0.plusSeconds(2), T0.plusSeconds(62), 10));
        assertTrue(jobs.release(running.id(), "node-a"), "its run broke off on node-a");
        assertEquals(List.of(running.id()), jobs.takeOverExpired("node-c", T0.plusSeconds(2), T0.plusSeconds(62), 10)
                .stream().map(JobRecord::id).toList(), "taken over at once, not after the lease");
        assertTrue(jobs.markRunning(running.id(), "node-c", T0.plusSeconds(3), T0.plusSeconds(63)));
        assertTrue(jobs.requeue(running.id()));
        assertEquals(null, claimedBy(running.id()), "a requeue drops the claim");
    }

    @Test
    void twoNodesClaimingAtOnceNeverTakeTheSameJob() throws Exception {
        for (int i = 0; i < 200; i++) {
            queued(T0.plusMillis(i));
        }
        TestStores other = stores.node();
        try {
            Map<String, String> claimed = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            Race.each(8, t -> {
                JobStore node = t % 2 == 0 ? jobs : other.jobs();
                String name = "node-" + t;
                return () -> {
                    for (List<JobRecord> batch = node.claimQueued(name, T0, T0.plusSeconds(600), 3);
                         !batch.isEmpty(); batch = node.claimQueued(name, T0, T0.plusSeconds(600), 3)) {
                        for (JobRecord j : batch) {
                            if (claimed.putIfAbsent(j.id(), name) != null) {
                                duplicates.incrementAndGet();
                            }
                            if (!node.markRunning(j.id(), name, T0, T0.plusSeconds(600))) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                    return null;
                };
            });
            assertEquals(0, duplicates.get());
            assertEquals(200, claimed.size());
            assertEquals(200, stores.queryLong("SELECT COUNT(*) FROM jobs WHERE status = 'RUNNING'"));
            for (Map.Entry<String, String> e : claimed.entrySet()) {
                assertEquals(e.getValue(), claimedBy(e.getKey()));
            }
        } finally {
            other.close();
        }
    }
}
