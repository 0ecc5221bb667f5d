package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SweepReport;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.billing.BillingServiceImpl;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.plugins.PluginChoices;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.persistence.internal.TestStores;
import org.aisora.policies.strict.internal.StrictPolicy;
import org.aisora.policies.strict.internal.StrictPolicyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention sweeper on the real stores and the encrypted filesystem store, with an injected clock:
 * free items go after 7 days and pro items after 30 with their thumbnails and job logs, an upgrade
 * extends what exists, a sweep killed mid-batch leaves no orphans once the next one ran, two sweepers
 * at once delete each item once, and switching to the strict policy at runtime applies to what exists.
 */
abstract class RetentionFlowContract {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private TestPlatform platform;
    private MutableClock clock;
    private RetentionSweeper sweeper;

    abstract TestStores database();

    @BeforeEach
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of());
        clock = new MutableClock(Instant.now());
        sweeper = sweeper(platform.db, 500);
    }

    private RetentionSweeper sweeper(TestStores node, int batch) {
        Map<String, Object> settings = Map.of("retention_batch", batch, "retention_lease_seconds", 300L,
                "plans", new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE});
        return new RetentionSweeper(node.retention(), node.usage(), platform.registry, platform.vendorQueue,
                TestConfig.of(RetentionConfiguration.class, settings), TestConfig.plans(settings), clock, null);
    }

    @AfterEach
    void stop() throws Exception {
        platform.close();
    }

    /** An upload with its thumbnail, and a generated image with its thumbnail and its job. */
    private record Items(Caller owner, MediaView upload, GenerationView job, Instant createdBy) {
    }

    private Items seed(Caller owner) throws Exception {
        byte[] png = MediaFlowContract.png(64, 48);
        MediaView upload = platform.media.upload(owner, new ByteArrayInputStream(png), "image/png", png.length);
        GenerationView job = platform.generations.submit(owner, new GenerationSubmission("text-to-image",
                "a quiet harbour", null, null, 64, 64, null, null, null), null);
        job = platform.await(owner, job.id(), v -> v.status().equals("succeeded"));
        return new Items(owner, upload, job, Instant.now());
    }

    /** The database keeps instants in milliseconds. */
    private static Instant ms(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private long rows(String table, Caller owner) {
        return platform.db.queryLong("SELECT COUNT(*) FROM " + table + " WHERE owner_id = ?", owner.accountId());
    }

    private Caller user(String plan) {
        String email = plan + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Caller c = platform.register(email, "1990-01-01");
        // a sign-in from a device: an audit entry and a device record, both operational logs
        platform.accounts.login(email, "a long password", new org.aisora.api.service.ClientInfo("192.0.2.10", "curl/8.5.0"));
        if (!plan.equals("free")) {
            BillingServiceImpl billing = billing();
            billing.confirmCheckout(billing.checkout(c, "pro", "k-" + UUID.randomUUID()).sessionId());
        }
        return c;
    }

    private BillingServiceImpl billing() {
        return new BillingServiceImpl(platform.db.billing(), platform.db.accounts(), platform.registry,
                sweeper::planChanged, () -> PlanCatalog.parse(new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE}),
                java.time.Clock.systemUTC());
    }

    private List<String> blobKeys(Caller owner) {
        List<String> keys = new ArrayList<>();
        for (MediaRecord m : mediaOf(owner)) {
            keys.add(m.blobKey());
        }
        return keys;
    }

    private List<MediaRecord> mediaOf(Caller owner) {
        List<MediaRecord> all = new ArrayList<>();
        for (MediaView v : platform.media.list(owner, 0, 100)) {
            platform.db.media().find(v.id()).ifPresent(all::add);
            all.addAll(platform.db.media().findByParent(v.id()));
        }
        return all;
    }

    @Test
    void aFreeUsersItemsStaySevenDaysThenGoWithThumbnailsAndJobLogs() throws Exception {
        Items free = seed(user("free"));
        List<String> keys = blobKeys(free.owner());
        assertEquals(4, keys.size(), "upload, generated output and a thumbnail of each");
        Instant created = free.upload().createdAt();
        assertEquals(created.plus(Duration.ofDays(7)), free.upload().expiresAt(), "expiresAt visible in the API");

        long audit = platform.db.queryLong("SELECT COUNT(*) FROM audit_log WHERE actor_id = ?", free.owner().accountId());
        assertTrue(audit >= 1, "the sign-in is an operational log");
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM devices WHERE account_id = ?", free.owner().accountId()));

        clock.set(free.createdBy().plus(Duration.ofDays(7)).minus(MINUTE));
        SweepReport early = sweeper.run(false);
        assertEquals(null, early.deleted().get("upload"));
        assertEquals(4, rows("media", free.owner()));
        assertEquals(1, rows("jobs", free.owner()));
        assertEquals(audit, platform.db.queryLong("SELECT COUNT(*) FROM audit_log WHERE actor_id = ?",
                free.owner().accountId()));

        clock.set(free.createdBy().plus(Duration.ofDays(7)).plus(MINUTE));
        SweepReport report = sweeper.run(false);
        assertEquals(0, rows("media", free.owner()), "row, thumbnail, output gone");
        assertEquals(0, rows("jobs", free.owner()), "the job's log gone");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = ?", free.job().id()));
        for (String key : keys) {
            assertFalse(platform.storage.exists(key), "blob " + key);
        }
        assertEquals(1L, report.deleted().get("generated"));
        assertEquals(1L, report.deleted().get("job"));
        assertEquals(2L, report.deleted().get("thumbnail"));
        assertEquals(1L, report.deleted().get("upload"));
        assertTrue(report.deleted().getOrDefault("audit_entry", 0L) >= audit, report.deleted().toString());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM audit_log WHERE actor_id = ?",
                free.owner().accountId()), "related logs: the audit entries");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM devices WHERE account_id = ?",
                free.owner().accountId()), "and the device record");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM sessions WHERE account_id = ?",
                free.owner().accountId()), "expired sessions");
        assertEquals(Map.of(), report.failed());
        assertEquals(0, platform.blobFiles(), "no blob without a row");
    }

    @Test
    void theAddressAPolicyWasAcceptedFromGoesWithTheOperationalLogsAndTheAcceptanceStays() {
        String email = "ip" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Instant signedUp = clock.instant();
        platform.accounts.register(new org.aisora.api.service.Registration("Ida", email, null, "a long password",
                "1990-01-01", TestPlatform.POLICY), new org.aisora.api.service.ClientInfo("198.51.100.7", "curl/8.5.0"));
        String id = platform.db.accounts().findByEmail(email).orElseThrow().id();
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM policy_acceptances WHERE account_id = ?"
                + " AND ip = '198.51.100.7'", id));

        clock.set(signedUp.plus(Duration.ofDays(7)).minus(MINUTE));
        sweeper.run(false);
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM policy_acceptances WHERE account_id = ?"
                + " AND ip IS NOT NULL", id), "kept while operational logs are");

        clock.set(signedUp.plus(Duration.ofDays(7)).plus(MINUTE));
        SweepReport report = sweeper.run(false);
        assertTrue(report.deleted().getOrDefault("acceptance_ip", 0L) >= 1, report.deleted().toString());
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM policy_acceptances WHERE account_id = ?"
                + " AND ip IS NULL", id), "the acceptance stays, without the address");
    }

    @Test
    void aProUsersItemsStayThirtyDaysAndAnUpgradeExtendsWhatAFreeUserHad() throws Exception {
        Items pro = seed(user("pro"));
        Caller upgrader = user("free");
        Items older = seed(upgrader);
        assertEquals(older.upload().createdAt().plus(Duration.ofDays(7)), older.upload().expiresAt());
        BillingServiceImpl billing = billing();
        billing.confirmCheckout(billing.checkout(upgrader, "pro", "up-" + UUID.randomUUID()).sessionId());
        MediaView extended = platform.media.get(upgrader, older.upload().id());
        assertEquals(ms(older.upload().createdAt().plus(Duration.ofDays(30))), extended.expiresAt(),
                "an upgrade re-derives the expiry from the creation time");

        clock.set(older.createdBy().plus(Duration.ofDays(8)));
        sweeper.run(false);
        assertEquals(4, rows("media", pro.owner()));
        assertEquals(4, rows("media", upgrader), "the upgraded user's older items survive day 7");

        clock.set(older.createdBy().plus(Duration.ofDays(30)).minus(MINUTE));
        sweeper.run(false);
        assertEquals(4, rows("media", upgrader));
        clock.set(older.createdBy().plus(Duration.ofDays(30)).plus(MINUTE));
        sweeper.run(false);
        assertEquals(0, rows("media", pro.owner()));
        assertEquals(0, rows("media", upgrader));
        assertEquals(0, rows("jobs", upgrader));
        assertEquals(0, platform.blobFiles());
    }

    /** Expired image rows with a thumbnail each, written as the pipeline writes them (blob, then row). */
    private int seedExpired(Caller owner, int n) throws Exception {
        Instant past = clock.instant().minus(Duration.ofDays(40));
        List<MediaRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            BlobInfo blob = platform.storage.put(owner.accountId() + "/" + id, new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    "image/png");
            rows.add(new MediaRecord(id, owner.accountId(), null, null, "upload", "image/png", 3, 1, 1, blob.storeId(),
                    blob.key(), blob.sha256(), "ready", past, past.plus(Duration.ofDays(7))));
            String thumb = UUID.randomUUID().toString();
            BlobInfo t = platform.storage.put(owner.accountId() + "/" + thumb, new ByteArrayInputStream(new byte[] {4}),
                    "image/jpeg");
            rows.add(new MediaRecord(thumb, owner.accountId(), null, id, "thumbnail", "image/jpeg", 1, 1, 1, t.storeId(),
                    t.key(), t.sha256(), "ready", past, past.plus(Duration.ofDays(7))));
        }
        platform.db.media().insertAll(rows);
        return rows.size();
    }

    private List<MediaRecord> rowsOf(Caller owner) {
        List<MediaRecord> all = new ArrayList<>();
        for (MediaRecord m : platform.db.media().listByStatus("ready", 100_000)) {
            if (m.ownerId().equals(owner.accountId())) {
                all.add(m);
            }
        }
        return all;
    }

    /** The filesystem store, failing like a crashed process after a number of deletions. */
    private static final class DyingStore implements BlobStore {
        private final BlobStore real;
        private final AtomicInteger left;

        DyingStore(BlobStore real, int deletions) {
            this.real = real;
            this.left = new AtomicInteger(deletions);
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
            return real.put(key, data, contentType);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return real.open(key);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return real.exists(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            boolean deleted = real.delete(key);
            if (left.decrementAndGet() < 0) { // the blob is gone, its row not yet: the worst moment to die
                throw new IllegalStateException("killed mid-batch");
            }
            return deleted;
        }
    }

    @Test
    void aSweepKilledMidBatchLeavesNoOrphansOnceTheNextOneRan() throws Exception {
        Caller owner = user("free");
        int seeded = seedExpired(owner, 60);
        // batches of 50 originals (with their thumbnails: 100 rows); it dies in the second batch, after
        // some of its blobs are gone and before their rows are
        DyingStore dying = new DyingStore(platform.storage, 110);
        platform.plugins().storage.add(dying, Map.of("service.ranking", 100));
        RetentionSweeper first = sweeper(platform.db, 50);
        assertThrows(IllegalStateException.class, () -> first.run(false));
        platform.plugins().storage.add(platform.storage, Map.of()); // the restart: the real store again
        long left = rows("media", owner);
        assertTrue(left > 0 && left < seeded, "died midway: " + left + " of " + seeded + " left");
        long blobless = 0;
        for (MediaRecord m : rowsOf(owner)) {
            if (!platform.storage.exists(m.blobKey())) {
                blobless++;
            }
        }
        assertTrue(blobless > 0, "the kill left rows whose blob is gone: the case the next sweep must finish");

        // the restarted node: a new sweeper, nothing remembered; the dead one's claims run out first
        RetentionSweeper restarted = sweeper(platform.db, 50);
        clock.advance(Duration.ofSeconds(301));
        restarted.run(false);
        assertEquals(0, rows("media", owner));
        assertEquals(0, platform.blobFiles(), "no blob without a row");
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE sweep_claim IS NOT NULL"));
    }

    @Test
    void reconcileDeletesOldBlobsNoRowRefersToAndNothingElse() throws Exception {
        Items kept = seed(user("free"));
        Caller owner = user("free");
        // a crash between a blob and its row: blobs written, rows never were (or were deleted first)
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orphans.add(platform.storage.put(owner.accountId() + "/orphan-" + i,
                    new ByteArrayInputStream(new byte[] {9}), "image/png").key());
        }
        long blobs = platform.blobFiles();
        clock.set(Instant.now().plus(Duration.ofMinutes(30)));
        assertEquals(0, sweeper.reconcile().total(), "younger than an hour: maybe a row is on its way");
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        SweepReport report = sweeper.reconcile();
        assertEquals(Map.of("orphan_blob", 3L), report.deleted());
        assertEquals(List.of(), report.problems());
        for (String key : orphans) {
            assertFalse(platform.storage.exists(key));
        }
        assertEquals(blobs - 3, platform.blobFiles());
        for (String key : blobKeys(kept.owner())) {
            assertTrue(platform.storage.exists(key), "a blob with a row stays: " + key);
        }
    }

    /** A checkout, its payment event and a subscription of an account, dated {@code at}. */
    private void payments(String accountId, Instant at) {
        String key = "checkout:" + accountId + ":" + UUID.randomUUID();
        platform.db.billing().reserveCheckout(new org.aisora.api.store.CheckoutRecord(key, accountId, "manual",
                "pack-100", null, null, at));
        platform.db.billing().applyEvent(new org.aisora.api.store.PaymentEventRecord("manual",
                "evt_" + UUID.randomUUID(), "checkout.completed", accountId, "cs_" + UUID.randomUUID(), at), null,
                new org.aisora.api.store.SubscriptionRecord(accountId, "manual", "sub_x", "pro", "active", null, at), null);
    }

    @Test
    void theLegalMinimumKeptAfterADeletionIsSweptWhenItsRetentionIsOver() throws Exception {
        Caller live = user("free");
        String pseudonym = UUID.randomUUID().toString(); // what a deletion leaves in the payment records
        Instant old = clock.instant().minus(Duration.ofDays(3651));
        payments(live.accountId(), old);
        payments(pseudonym, old);
        String recent = UUID.randomUUID().toString();
        payments(recent, clock.instant().minus(Duration.ofDays(30)));

        SweepReport report = sweeper.run(false);
        assertEquals(1L, report.deleted().get("payment_checkout"));
        assertEquals(1L, report.deleted().get("payment_event"));
        assertEquals(1L, report.deleted().get("subscription"));
        for (String table : new String[] {"billing_checkouts", "payment_events", "subscriptions"}) {
            assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?", pseudonym),
                    table + ": past the legal retention");
            assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?", recent),
                    table + ": a deleted account's recent records are still kept");
            assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?",
                    live.accountId()), table + ": a live account's records are not the sweeper's");
        }
    }

    @Test
    void twoSweepersAtOnceDeleteEachItemExactlyOnce() throws Exception {
        Caller owner = user("free");
        int seeded = seedExpired(owner, 200);
        try (TestStores a = platform.db.node(); TestStores b = platform.db.node()) {
            RetentionSweeper one = sweeper(a, 20);
            RetentionSweeper two = sweeper(b, 20);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<SweepReport>> runs = pool.invokeAll(List.<Callable<SweepReport>>of(
                    () -> one.run(false), () -> two.run(false)));
            pool.shutdown();
            long deleted = 0;
            for (Future<SweepReport> run : runs) {
                assertEquals(Map.of(), run.get().failed());
                deleted += run.get().total();
            }
            assertEquals(seeded, deleted, "each item counted by exactly one sweeper");
            assertTrue(runs.get(0).get().total() > 0 && runs.get(1).get().total() > 0,
                    "both sweepers took part: " + runs.get(0).get().total() + " / " + runs.get(1).get().total());
        }
        assertEquals(0, rows("media", owner));
        assertEquals(0, platform.blobFiles());
    }

    @Test
    void switchingToTheStrictPolicyAtRuntimeAppliesToNewAndExistingItemsAndBack() throws Exception {
        Caller pro = user("pro");
        Items before = seed(pro);
        assertEquals(before.upload().createdAt().plus(Duration.ofDays(30)), before.upload().expiresAt());
        platform.plugins().retention.add(new StrictPolicy(TestConfig.of(StrictPolicyConfig.class, Map.of())), Map.of());
        platform.registry.modified(TestConfig.of(PluginChoices.class, Map.of("retention_policy", "strict")));

        Items after = seed(pro);
        assertEquals(after.upload().createdAt().plus(Duration.ofHours(24)), after.upload().expiresAt(),
                "new artifacts get the strict expiry");
        SweepReport dry = sweeper.run(true);
        assertEquals(0, dry.total(), "nothing has expired yet");
        clock.set(after.createdBy().plus(Duration.ofHours(2)));
        sweeper.run(false); // re-derives what exists under strict, deletes nothing yet
        assertEquals(ms(before.upload().createdAt().plus(Duration.ofHours(24))),
                platform.media.get(pro, before.upload().id()).expiresAt(), "existing items follow the switch");
        assertEquals(Map.of("generated", 2L, "job", 2L, "thumbnail", 4L, "upload", 2L),
                sweeper.upcoming(Duration.ofHours(24)), "the 24-hour report lists them");

        platform.registry.modified(TestConfig.of(PluginChoices.class, Map.of("retention_policy", "standard")));
        sweeper.run(false);
        assertEquals(ms(before.upload().createdAt().plus(Duration.ofDays(30))),
                platform.media.get(pro, before.upload().id()).expiresAt(), "and back");
        clock.set(after.createdBy().plus(Duration.ofDays(2)));
        sweeper.run(false);
        assertEquals(8, rows("media", pro), "under standard again, a pro user's items stay");
    }
}
