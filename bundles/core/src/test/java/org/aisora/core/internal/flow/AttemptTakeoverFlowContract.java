package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.store.JobAttempt;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.generation.JobEngine;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node dies during a provider call and another takes the job over (issue 14): the call was written before the
 * vendor saw it, so the new node polls the vendor's task instead of submitting again, or settles the call as lost
 * and releases the credits where nothing can be picked up. The vendor counts submits over real HTTP. A node
 * "dies" by losing its database (its own connection pool, closed): it can no longer write anything, renew its
 * lease or end the job, as after a {@code kill -9}.
 */
abstract class AttemptTakeoverFlowContract {
    static final long GRANT = 1_000;
    static final long LEASE_SECONDS = 3;
    TestPlatform platform;
    TaskVendor vendor;
    private final List<JobEngine> engines = new ArrayList<>();
    private final List<TestStores> nodes = new ArrayList<>();

    abstract TestStores database();

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", GRANT, "job_lease_seconds",
                LEASE_SECONDS));
        platform.engine.stop(); // the nodes of each test are its own
        vendor = new TaskVendor();
    }

    @AfterEach
    void stop() throws Exception {
        vendor.close();
        for (JobEngine e : engines) {
            e.stop();
        }
        for (TestStores s : nodes) {
            s.close();
        }
        platform.close();
    }

    /** A node: its own connection pool and stores on the shared database, the shared plugins. */
    JobEngine node(TestStores stores) {
        Map<String, Object> cfg = new HashMap<>(Map.of("poll_interval_ms", 20L, "scan_interval_ms", 100L,
                "job_lease_seconds", LEASE_SECONDS, "job_drain_seconds", 1L, "provider_grace_seconds", 0L));
        JobEngine engine = new JobEngine(stores.jobs(), stores.accounts(), stores.media(), platform.registry,
                platform.moderationCounters, TestConfig.jobs(cfg), TestConfig.media(cfg), TestConfig.node(cfg));
        engines.add(engine);
        return engine;
    }

    TestStores stores() {
        TestStores stores = platform.db.node();
        nodes.add(stores);
        return stores;
    }

    TaskVendorProvider provider(boolean resumable) {
        TaskVendorProvider p = new TaskVendorProvider(vendor.baseUrl(), resumable);
        platform.plugins().providers.add(p, Map.of("service.ranking", 20)); // ahead of the built-in
        return p;
    }

    Caller user() {
        return platform.register("t" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-05-01");
    }

    String submit(Caller caller, String provider) {
        return platform.generations.submit(caller, new GenerationSubmission("text-to-image", "a lighthouse", null,
                null, 256, 256, null, 7L, provider), null).id();
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    List<JobAttempt> attempts(String jobId) {
        return platform.db.jobs().attempts(jobId);
    }

    void assertCharged(Caller caller, long jobs) {
        assertEquals(GRANT - 5 * jobs, platform.credits.summary(caller, 0, 10).balance());
        assertEquals(0, platform.credits.summary(caller, 0, 10).reserved(), "no hold is left");
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    @Test
    void aNodeThatDiesAfterTheVendorAcceptedTheTaskIsPolledToTheEndNotResent() throws Exception {
        provider(true);
        // (c) what the database holds when the vendor receives the call
        List<String> rowAtSubmit = new ArrayList<>();
        vendor.onSubmit = key -> rowAtSubmit.add(platform.db.queryString("SELECT outcome FROM job_attempts"
                + " WHERE idempotency_key = ?", key) + "/" + platform.db.queryString("SELECT vendor_task_id FROM"
                + " job_attempts WHERE idempotency_key = ?", key));
        TestStores aStores = stores();
        JobEngine a = node(aStores);
        Caller ann = user();
        String job = submit(ann, TaskVendorProvider.ID);
        await("the vendor's first poll", () -> vendor.submits() == 1 && vendor.polls("t-1") > 0);
        assertEquals(List.of("started/null"), rowAtSubmit, "the attempt was written before the vendor saw the call");
        JobAttempt open = attempts(job).get(0);
        assertTrue(open.started());
        assertEquals("t-1", open.vendorTaskId(), "the task id is written before the first poll");
        assertEquals(vendor.keys.get(0), open.idempotencyKey(), "the vendor got the attempt's key");
        assertEquals(a.nodeId(), platform.db.queryString("SELECT claimed_by FROM jobs WHERE id = ?", job));

        aStores.close(); // node A dies while the vendor works on the task
        JobEngine b = node(stores());
        await("node B takes the job over", () -> b.nodeId().equals(platform.db.queryString(
                "SELECT claimed_by FROM jobs WHERE id = ?", job)));
        int polled = vendor.polls("t-1");
        await("node B polls the task", () -> vendor.polls("t-1") > polled + 2);
        assertEquals("running", platform.generations.get(ann, job).status());
        vendor.finish("t-1");
        GenerationView done = platform.await(ann, job, v -> v.status().equals("succeeded") || v.status().equals("failed"));
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        assertEquals(1, done.outputs().size());
        assertEquals(1, vendor.submits(), "submitted once: " + vendor.keys);
        List<JobAttempt> all = attempts(job);
        assertEquals(1, all.size(), "one call, one row: " + all);
        assertEquals(List.of("succeeded", "t-1", vendor.keys.get(0)),
                List.of(all.get(0).outcome(), all.get(0).vendorTaskId(), all.get(0).idempotencyKey()));
        assertEquals(TaskVendorProvider.VENDOR, all.get(0).vendor(), "the third-party record stays");
        assertCharged(ann, 1);
    }

    /** The vendor's task succeeded and the node died while it stored the outputs: the task is read again. */
    @Test
    void aNodeThatDiesWhileStoringTheOutputsHasTheTaskReadAgainNotResent() throws Exception {
        TaskVendorProvider provider = provider(true);
        provider.holdFirstOutput();
        TestStores aStores = stores();
        node(aStores);
        Caller ann = user();
        String job = submit(ann, TaskVendorProvider.ID);
        try {
            await("the vendor's first poll", () -> vendor.polls("t-1") > 0);
            vendor.finish("t-1");
            assertTrue(provider.outputOpened.await(30, TimeUnit.SECONDS), "node A stores the output");
            assertEquals("succeeded", attempts(job).get(0).outcome());
            aStores.close(); // node A dies while it stores the output

            node(stores());
            GenerationView done = platform.await(ann, job, v -> v.status().equals("succeeded")
                    || v.status().equals("failed"));
            assertEquals("succeeded", done.status(), String.valueOf(done.error()));
            assertEquals(1, done.outputs().size());
            assertEquals(1, vendor.submits(), "submitted once: " + vendor.keys);
            List<JobAttempt> all = attempts(job);
            assertEquals(List.of("succeeded:t-1"), all.stream().map(a -> a.outcome() + ":" + a.vendorTaskId())
                    .toList());
            assertCharged(ann, 1);
        } finally {
            provider.releaseOutput.countDown();
        }
    }

    @Test
    void aNodeThatDiesBeforeTheVendorAnsweredLosesTheAttemptAndReleasesTheCredits() throws Exception {
        provider(true);
        vendor.answer = new CountDownLatch(1); // the vendor takes the call and does not answer yet
        TestStores aStores = stores();
        node(aStores);
        Caller ann = user();
        String job = submit(ann, TaskVendorProvider.ID);
        await("the vendor receives the call", () -> vendor.submits() == 1);
        aStores.close(); // node A dies before the vendor answered: no task id was ever written

        node(stores());
        GenerationView done = platform.await(ann, job, v -> v.status().equals("failed")
                || v.status().equals("succeeded"));
        assertEquals("failed", done.status());
        assertEquals("vendor_attempt_lost", done.error().code());
        assertCharged(ann, 0);
        await("the attempt settled", () -> !attempts(job).get(0).started());
        vendor.answer.countDown(); // the vendor answers node A, which can no longer do anything with it
        Thread.sleep(500);
        assertEquals(1, vendor.submits(), "never submitted again: " + vendor.keys);
        List<JobAttempt> all = attempts(job);
        assertEquals(1, all.size(), all.toString());
        assertEquals(List.of(JobAttempt.LOST, "no_task_id"), List.of(all.get(0).outcome(), all.get(0).errorCode()));
        assertNull(all.get(0).vendorTaskId());
        assertEquals("failed", platform.generations.get(ann, job).status());
        assertCharged(ann, 0);
    }

    @Test
    void aTaskTheProviderCannotPickUpIsLostNotResent() throws Exception {
        provider(false);
        TestStores aStores = stores();
        node(aStores);
        Caller ann = user();
        String job = submit(ann, TaskVendorProvider.ID);
        await("the vendor's first poll", () -> vendor.polls("t-1") > 0);
        aStores.close();

        node(stores());
        GenerationView done = platform.await(ann, job, v -> v.status().equals("failed")
                || v.status().equals("succeeded"));
        assertEquals("vendor_attempt_lost", done.error().code());
        // the job ends first, then its attempt is settled: a crash between the two never sends the job again
        await("the attempt settled", () -> !attempts(job).get(0).started());
        assertEquals(1, vendor.submits());
        JobAttempt lost = attempts(job).get(0);
        assertEquals(List.of(JobAttempt.LOST, "not_resumable", "t-1"),
                List.of(lost.outcome(), lost.errorCode(), lost.vendorTaskId()), "the task id stays for erasure");
        assertCharged(ann, 0);
    }

    /** The provider is gone when the job is taken over (after the grace, here none): lost, not sent elsewhere. */
    @Test
    void aTaskWhoseProviderIsGoneIsLostNotSentToAnother() throws Exception {
        TaskVendorProvider provider = provider(true);
        TestStores aStores = stores();
        node(aStores);
        Caller ann = user();
        String job = submit(ann, null); // not pinned: the built-in could take it, were it sent again
        await("the vendor's first poll", () -> vendor.polls("t-1") > 0);
        aStores.close();
        platform.plugins().providers.remove(provider);

        node(stores());
        GenerationView done = platform.await(ann, job, v -> v.status().equals("failed")
                || v.status().equals("succeeded"));
        assertEquals("vendor_attempt_lost", done.error().code());
        await("the attempt settled", () -> !attempts(job).get(0).started());
        assertEquals(List.of("task-vendor:lost:no_provider"), attempts(job).stream()
                .map(a -> a.providerId() + ":" + a.outcome() + ":" + a.errorCode()).toList());
        assertEquals(1, vendor.submits());
        assertCharged(ann, 0);
    }

    /** The built-in provider's tasks live in its memory, but nothing left the machine: the job runs again. */
    @Test
    void aCallOnOurOwnMachineIsSettledLostAndTheJobRunsAgainChargedOnce() throws Exception {
        CountingProvider counting = new CountingProvider(platform.builtin, 60_000);
        platform.plugins().providers.add(counting, Map.of());
        TestStores aStores = stores();
        node(aStores);
        Caller ann = user();
        String job = submit(ann, CountingProvider.ID);
        await("the first call", () -> counting.submits(job) == 1 && attempts(job).get(0).vendorTaskId() != null);
        aStores.close();
        counting.millis(0);

        node(stores());
        GenerationView done = platform.await(ann, job, v -> v.status().equals("succeeded")
                || v.status().equals("failed"));
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        assertEquals(2, counting.submits(job));
        assertEquals(List.of("lost:node_lost", "succeeded:null"), attempts(job).stream()
                .map(x -> x.outcome() + ":" + x.errorCode()).toList());
        assertNotNull(attempts(job).get(1).idempotencyKey());
        assertCharged(ann, 1);
    }
}
