package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.PrivacyService;
import org.aisora.core.internal.privacy.ErasureContext;
import org.aisora.core.internal.privacy.ExportSink;
import org.aisora.core.internal.privacy.PersonalDataCategory;
import org.aisora.core.internal.privacy.PrivacyServiceImpl;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Erasure when things happen at the same time or go wrong: work still running for the account (a job
 * storing its output, a video being rendered), a deletion that stops half-way, deletions at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ErasureRacesFlowContract {
    TestPlatform platform;
    PrivacyPlatform privacy;
    final VendorDouble vendor = new VendorDouble();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        // one worker each: a job or video submitted after another runs only once the first one's run is over
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", 100L, "workers", 1,
                "media_workers", 1));
        privacy = new PrivacyPlatform(platform);
        platform.plugins().providers.add(vendor, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    /**
     * The account goes while its job's output is being stored: the job ends canceled, the late output is
     * discarded (its blob and the data key the late write created), the vendor is asked to delete its task.
     */
    @Test
    void deletingWhileAJobStoresItsOutputLeavesNothingBehind() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(false);
        PrivacyPlatform.Seeded bob = privacy.seed(false);
        String id = erin.caller().accountId();
        vendor.release = new java.util.concurrent.CountDownLatch(1);
        GenerationView running = platform.generations.submit(erin.caller(), new GenerationSubmission("text-to-image",
                "a slow vendor job " + id, null, null, 64, 64, null, null, VendorDouble.ID), null);
        assertTrue(vendor.outputOpened.await(30, TimeUnit.SECONDS), "the job is storing its output");

        DeletionReceiptView receipt = privacy.privacy.deleteAccount(erin.caller(), PrivacyPlatform.PASSWORD, null, null);
        assertEquals(2L, receipt.counts().get("generations"));
        assertEquals(List.of(new DeletionReceiptView.ThirdPartyDeletion(VendorDouble.ID, VendorDouble.VENDOR,
                "queued", 1)), receipt.thirdParties());
        assertEquals(List.of(), vendor.deleted, "queued, not called in the erasure's own flow");
        assertEquals(1, new org.aisora.core.internal.vendordeletion.VendorDeletionWorker(platform.db.vendorDeletions(),
                pid -> platform.plugins().providers.get(pid), org.aisora.core.internal.TestConfig.of(
                        org.aisora.core.internal.vendordeletion.VendorDeletionConfig.class, Map.of()),
                java.time.Clock.systemUTC(), null).runOnce());
        assertEquals(List.of("task-1"), vendor.deleted);

        vendor.release.countDown();
        // one worker: bob's job runs only after erin's run is over
        GenerationView after = platform.generations.submit(bob.caller(), new GenerationSubmission("text-to-image",
                "a later job", null, null, 64, 64, null, null, null), null);
        platform.await(bob.caller(), after.id(), v -> v.status().equals("succeeded"));

        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE id = ?", running.id()));
        try (Stream<Path> files = Files.walk(platform.blobs)) {
            assertEquals(List.of(), files.filter(p -> p.toString().contains(id)).toList(), "no output, key or folder");
        }
        assertEquals(List.of(), privacy.scan(List.of(id, erin.email(), "a slow vendor job")));
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    /** The account goes while a video of theirs is being rendered: the late rendition leaves no row, blob or key. */
    @Test
    void deletingWhileAVideoIsRenderedLeavesNothingBehind() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(false);
        PrivacyPlatform.Seeded bob = privacy.seed(false);
        String id = erin.caller().accountId();
        org.aisora.api.transcode.Transcoder real = platform.registry.transcoder().orElseThrow();
        GatedTranscoder gated = new GatedTranscoder(real);
        platform.plugins().transcoders.remove(real);
        platform.plugins().transcoders.add(gated, Map.of());
        try {
            byte[] video = privacy.video();
            platform.media.upload(erin.caller(), new java.io.ByteArrayInputStream(video), "video/mp4", video.length);
            assertTrue(gated.renditionStarted.await(60, TimeUnit.SECONDS), "the rendition is under way");

            DeletionReceiptView receipt = privacy.privacy.deleteAccount(erin.caller(), PrivacyPlatform.PASSWORD, null,
                    null);
            assertEquals(2L, receipt.counts().get("media.upload"), "the image and the video");
            assertEquals(null, receipt.counts().get("media.rendition"), "not rendered yet");

            gated.release.countDown();
            // one media worker: bob's video is rendered only after erin's rendition is over
            var later = platform.media.upload(bob.caller(), new java.io.ByteArrayInputStream(video), "video/mp4",
                    video.length);
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (platform.media.get(bob.caller(), later.id()).status().equals("processing")
                    && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertEquals("ready", platform.media.get(bob.caller(), later.id()).status());
        } finally {
            gated.release.countDown();
            platform.plugins().transcoders.remove(gated);
            platform.plugins().transcoders.add(real, Map.of());
        }
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id));
        try (Stream<Path> files = Files.walk(platform.blobs)) {
            assertEquals(List.of(), files.filter(p -> p.toString().contains(id)).toList(), "no rendition, key or folder");
        }
        assertEquals(List.of(), privacy.scan(List.of(id, erin.email())));
    }

    /**
     * A deletion that stops half-way (here a category fails once) leaves an account that cannot sign in; running
     * it again finishes it, and the receipt counts what both runs did. A provider no longer installed is
     * recorded as a queued third-party deletion (pending in the queue until it is back) and does not block.
     */
    @Test
    void anInterruptedDeletionIsFinishedByRunningItAgain() throws Exception {
        PrivacyPlatform.Seeded erin = privacy.seed(false);
        String id = erin.caller().accountId();
        vendor.release = new java.util.concurrent.CountDownLatch(0);
        GenerationView viaVendor = platform.generations.submit(erin.caller(), new GenerationSubmission("text-to-image",
                "a vendor job", null, null, 64, 64, null, null, VendorDouble.ID), null);
        platform.await(erin.caller(), viaVendor.id(), v -> v.status().equals("succeeded"));
        String task = "task-" + vendor.submits();
        long media = platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id);
        String token = platform.accounts.login(erin.email(), PrivacyPlatform.PASSWORD, null).token();

        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        List<PersonalDataCategory> categories = new ArrayList<>();
        for (PersonalDataCategory c : PrivacyServiceImpl.categories(platform.personalData(), platform.registry)) {
            categories.add(!c.name().equals("credits") ? c : new PersonalDataCategory() {
                @Override
                public String name() {
                    return c.name();
                }

                @Override
                public void export(String accountId, ExportSink sink) throws IOException {
                    c.export(accountId, sink);
                }

                @Override
                public long erase(String accountId, ErasureContext context) throws IOException {
                    if (failed.compareAndSet(false, true)) {
                        throw new IOException("the process died here");
                    }
                    return c.erase(accountId, context);
                }
            });
        }
        PrivacyServiceImpl crashing = new PrivacyServiceImpl(platform.db.accounts(), platform.db.sessions(),
                platform.db.receipts(), platform.registry, platform.security, categories, privacy.clock);
        platform.plugins().providers.remove(vendor);
        try {
            assertThrows(java.io.UncheckedIOException.class,
                    () -> crashing.deleteAccount(erin.caller(), PrivacyPlatform.PASSWORD, null, null));
            assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", id), "media went");
            assertFalse(platform.accounts.authenticate(token).isPresent(), "a half-deleted account cannot act");
            assertEquals("invalid_credentials", assertThrows(AisoraException.class,
                    () -> platform.accounts.login(erin.email(), PrivacyPlatform.PASSWORD, null)).code());

            DeletionReceiptView receipt = crashing.deleteByEmail(erin.email(), PrivacyService.Reason.ADMIN_REQUEST);
            assertEquals("user_request", receipt.reason(), "the reason of the request that started it");
            assertEquals(media, receipt.counts().get("media"), "counted by the first run");
            assertEquals(2L, receipt.counts().get("generations"));
            assertTrue(receipt.counts().get("credits") > 0, "pseudonymised by the second run");
            assertEquals(List.of(new DeletionReceiptView.ThirdPartyDeletion(VendorDouble.ID, VendorDouble.VENDOR,
                    "queued", 1)), receipt.thirdParties(), "the vendor's provider is not installed now");
            assertEquals("pending", platform.db.vendorDeletions().find(VendorDouble.ID, task).orElseThrow()
                    .status().code(), "the queue keeps it for when the provider is back");
            assertEquals(List.of(), privacy.scan(List.of(id, erin.email(), erin.prompt())));
        } finally {
            platform.plugins().providers.add(vendor, Map.of());
        }
    }

    /** Two deletions at the same moment still form one chain (the head row is locked by each append). */
    @Test
    void concurrentDeletionsFormOneChain() throws Exception {
        List<PrivacyPlatform.Seeded> users = List.of(privacy.seed(false), privacy.seed(false), privacy.seed(false));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(users.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(users.size());
        try {
            List<java.util.concurrent.Future<DeletionReceiptView>> results = new ArrayList<>();
            for (PrivacyPlatform.Seeded u : users) {
                results.add(pool.submit(() -> {
                    start.await();
                    return privacy.privacy.deleteAccount(u.caller(), PrivacyPlatform.PASSWORD, null, null);
                }));
            }
            Set<String> prevs = new java.util.HashSet<>();
            for (var r : results) {
                assertTrue(prevs.add(r.get(60, TimeUnit.SECONDS).prevHash()), "no two receipts share a predecessor");
            }
        } finally {
            pool.shutdownNow();
        }
        PrivacyService.ChainVerification chain = privacy.privacy.verifyReceiptChain();
        assertTrue(chain.intact(), chain.toString());
    }
}
