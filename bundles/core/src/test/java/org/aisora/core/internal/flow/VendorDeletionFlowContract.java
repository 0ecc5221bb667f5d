package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.service.Caller;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.core.internal.vendordeletion.VendorDeletionConfig;
import org.aisora.core.internal.vendordeletion.VendorDeletionWorker;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Vendor copies deleted on our schedule (issue 13): expiry, media deletion and account deletion each queue the
 * job's vendor task before the rows go; the worker, on a clock the test moves, meets a vendor that refuses
 * twice, backs off (nothing is tried before the row is due again), and deletes it on the third call. The queue
 * row outlives the media, job and account rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VendorDeletionFlowContract {
    static final String FLAKY = "flaky-vendor";
    static final String KEEPER = "keeping-vendor";
    static final String RETENTION = "kept 30 days, no deletion offered";

    TestPlatform platform;
    PrivacyPlatform privacy;
    final FlakyVendor flaky = new FlakyVendor(FLAKY, new ThirdParty("Flaky Vendor Inc", "30 days", true), 2);
    final FlakyVendor keeper = new FlakyVendor(KEEPER, new ThirdParty("Keeping Vendor SA", RETENTION, false), 0);

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", 100L));
        privacy = new PrivacyPlatform(platform);
        platform.plugins().providers.add(flaky, Map.of());
        platform.plugins().providers.add(keeper, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private VendorDeletionWorker worker(MutableClock clock) {
        return new VendorDeletionWorker(platform.db.vendorDeletions(), id -> platform.plugins().providers.get(id),
                TestConfig.of(VendorDeletionConfig.class, Map.of("retry_base_seconds", 60L,
                        "retry_max_seconds", 3600L, "max_attempts", 5)), clock, null);
    }

    /** A user's job through a provider: its id, first output and vendor task id. */
    private record Job(Caller caller, String id, String output, String task) {
    }

    private Job generate(String provider) throws Exception {
        Caller caller = platform.register("vdel." + java.util.UUID.randomUUID() + "@example.org", "1990-01-01");
        GenerationView submitted = platform.generations.submit(caller, new GenerationSubmission("text-to-image",
                "a harbour at dawn", null, null, 64, 64, null, null, provider), null);
        GenerationView done = platform.await(caller, submitted.id(), v -> v.status().equals("succeeded"));
        List<JobAttempt> attempts = platform.db.jobs().attempts(done.id());
        assertEquals(1, attempts.size());
        return new Job(caller, done.id(), done.outputs().get(0).id(), attempts.get(0).vendorTaskId());
    }

    private VendorDeletionRecord row(String provider, String task) {
        return platform.db.vendorDeletions().find(provider, task).orElseThrow(() -> new AssertionError("not queued"));
    }

    /** Two refusals, each followed by a backoff the worker respects, then the deletion: three calls in all. */
    private void drainThroughTwoRefusals(MutableClock clock, String task) {
        VendorDeletionWorker worker = worker(clock);
        assertEquals(Status.PENDING, row(FLAKY, task).status());
        for (int refusal = 1; refusal <= 2; refusal++) {
            worker.runOnce();
            VendorDeletionRecord waiting = row(FLAKY, task);
            assertEquals(refusal, flaky.calls(task));
            assertEquals(List.of(Status.PENDING, refusal, "provider_unavailable"),
                    List.of(waiting.status(), waiting.attempts(), waiting.lastError()));
            // 1 minute doubling, half of it at random: due between half the ceiling and the ceiling from now
            Duration ceiling = Duration.ofMinutes(1L << (refusal - 1));
            Duration wait = Duration.between(clock.instant(), waiting.nextAttemptAt());
            assertTrue(wait.compareTo(ceiling.dividedBy(2)) >= 0 && wait.compareTo(ceiling) <= 0, wait.toString());
            clock.set(waiting.nextAttemptAt().minusMillis(1));
            worker.runOnce();
            assertEquals(refusal, flaky.calls(task), "nothing is tried before the row is due");
            clock.set(waiting.nextAttemptAt());
        }
        worker.runOnce();
        VendorDeletionRecord done = row(FLAKY, task);
        assertEquals(3, flaky.calls(task), "deleted on the third call");
        assertEquals(List.of(Status.DELETED, 3), List.of(done.status(), done.attempts()));
        assertNull(done.lastError());
        assertTrue(flaky.deleted.contains(task));
        clock.advance(Duration.ofDays(1));
        worker.runOnce();
        assertEquals(3, flaky.calls(task), "a deleted row is never tried again");
    }

    @Test
    void expiryQueuesTheVendorTaskAndTheFlakyVendorDeletesItOnTheThirdCall() throws Exception {
        Job job = generate(FLAKY);
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(8))); // past the 7 days of free
        RetentionSweeper sweeper = new RetentionSweeper(platform.db.retention(), platform.db.usage(),
                platform.registry, platform.vendorQueue, TestConfig.of(RetentionConfiguration.class, Map.of()),
                TestConfig.plans(Map.of("plans", new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE})),
                clock, null);
        sweeper.run(false);
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE id = ?", job.output()), "expired");
        assertEquals(Reason.EXPIRY, row(FLAKY, job.task()).reason());
        drainThroughTwoRefusals(clock, job.task());

        clock.advance(Duration.ofDays(400)); // the job's own log expires too: its attempts go with it
        sweeper.run(false);
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE id = ?", job.id()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = ?", job.id()));
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM vendor_deletions WHERE vendor_task_id = ?",
                job.task()), "the queue row outlives them, and the second expiry queued nothing new");
        assertEquals(Status.DELETED, row(FLAKY, job.task()).status());
    }

    @Test
    void mediaDeletionQueuesTheVendorTaskAndTheFlakyVendorDeletesItOnTheThirdCall() throws Exception {
        Job job = generate(FLAKY);
        platform.media.delete(job.caller(), job.output());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE id = ?", job.output()));
        VendorDeletionRecord queued = row(FLAKY, job.task());
        assertEquals(List.of(Reason.MEDIA_DELETED, "Flaky Vendor Inc", "30 days"),
                List.of(queued.reason(), queued.vendor(), queued.vendorRetention()));
        assertEquals(0, flaky.calls(job.task()), "queued, not called in the request");
        drainThroughTwoRefusals(new MutableClock(Instant.now()), job.task());
    }

    @Test
    void accountDeletionQueuesTheVendorTaskAndTheFlakyVendorDeletesItOnTheThirdCall() throws Exception {
        Job job = generate(FLAKY);
        DeletionReceiptView receipt = privacy.privacy.deleteAccount(job.caller(), PrivacyPlatform.PASSWORD, null,
                null);
        assertEquals(List.of(new DeletionReceiptView.ThirdPartyDeletion(FLAKY, "Flaky Vendor Inc", "queued", 1)),
                receipt.thirdParties(), "the receipt says what is true when it is written");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?",
                job.caller().accountId()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM accounts WHERE id = ?", job.caller().accountId()));
        assertEquals(Reason.ACCOUNT_DELETED, row(FLAKY, job.task()).reason(), "the queue row outlives the account");
        drainThroughTwoRefusals(new MutableClock(Instant.now()), job.task());
        assertEquals(List.of(), privacy.scan(List.of(job.caller().accountId())), "the queue names no account");
    }

    @Test
    void aVendorThatKeepsRefusingIsGivenUpAfterMaxAttempts() {
        String task = "stubborn-" + java.util.UUID.randomUUID();
        FlakyVendor stubborn = new FlakyVendor("stubborn-vendor", new ThirdParty("Stubborn Inc", "30 days", true), 99);
        platform.plugins().providers.add(stubborn, Map.of());
        try {
            MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            platform.db.vendorDeletions().enqueue(VendorDeletionRecord.queued(java.util.UUID.randomUUID().toString(),
                    "stubborn-vendor", "Stubborn Inc", task, true, "30 days", Reason.MEDIA_DELETED, clock.instant()));
            VendorDeletionWorker worker = worker(clock); // max_attempts 5
            for (int attempt = 1; attempt <= 4; attempt++) {
                worker.runOnce();
                VendorDeletionRecord waiting = row("stubborn-vendor", task);
                assertEquals(List.of(Status.PENDING, attempt), List.of(waiting.status(), waiting.attempts()));
                clock.set(waiting.nextAttemptAt());
            }
            worker.runOnce();
            VendorDeletionRecord failed = row("stubborn-vendor", task);
            assertEquals(List.of(Status.FAILED, 5, "provider_unavailable"),
                    List.of(failed.status(), failed.attempts(), failed.lastError()), "given up on the fifth refusal");
            clock.advance(Duration.ofDays(30));
            worker.runOnce();
            assertEquals(5, stubborn.calls(task), "a failed row is never tried again");
        } finally {
            platform.plugins().providers.remove(stubborn);
        }
    }

    @Test
    void aProviderThatIsNotInstalledLeavesTheRowPendingUntilItIsBack() throws Exception {
        Job job = generate(FLAKY);
        platform.plugins().providers.remove(flaky);
        try {
            platform.media.delete(job.caller(), job.output());
            MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            worker(clock).runOnce();
            VendorDeletionRecord waiting = row(FLAKY, job.task());
            assertEquals(List.of(Status.PENDING, 0, "provider_not_installed"),
                    List.of(waiting.status(), waiting.attempts(), waiting.lastError()), "not counted as an attempt");
            assertEquals(clock.instant().plus(Duration.ofHours(1)), waiting.nextAttemptAt(), "the longest backoff");
            clock.advance(Duration.ofDays(30));
            for (int pass = 0; pass < 10; pass++) {
                worker(clock).runOnce();
            }
            assertEquals(List.of(Status.PENDING, 0), List.of(row(FLAKY, job.task()).status(),
                    row(FLAKY, job.task()).attempts()), "it never gives up on an absent provider");
        } finally {
            platform.plugins().providers.add(flaky, Map.of());
        }
        drainThroughTwoRefusals(new MutableClock(row(FLAKY, job.task()).nextAttemptAt()), job.task());
    }

    @Test
    void aVendorWithoutDeletionIsRecordedNotSupportedWithItsRetention() throws Exception {
        Job job = generate(KEEPER);
        platform.media.delete(job.caller(), job.output());
        VendorDeletionRecord kept = row(KEEPER, job.task());
        assertEquals(List.of(Status.NOT_SUPPORTED, RETENTION, "Keeping Vendor SA"),
                List.of(kept.status(), kept.vendorRetention(), kept.vendor()));
        MutableClock clock = new MutableClock(Instant.now());
        for (int pass = 0; pass < 3; pass++) {
            worker(clock).runOnce();
            clock.advance(Duration.ofDays(1));
        }
        assertEquals(0, keeper.calls(job.task()), "nothing to ask a vendor that offers no deletion");
        assertEquals(Status.NOT_SUPPORTED, row(KEEPER, job.task()).status());
        assertTrue(worker(clock).list("not_supported", 100).stream()
                .anyMatch(v -> v.vendorTaskId().equals(job.task()) && v.vendorRetention().equals(RETENTION)));
    }
}
