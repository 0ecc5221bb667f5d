package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.service.Caller;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.media.MediaProcessor;
import org.aisora.core.internal.media.VideoQueueConfig;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bounded video queue served round-robin by account, its 429, its restart, and the plan's decode limit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VideoQueueFlowContract {
    private static final String FREE = TestPlatform.UNLIMITED_FREE.replace("max.video.seconds:60", "max.video.seconds:10");

    TestPlatform platform;
    private Transcoder real;
    private OrderedTranscoder ordered;
    private byte[] video;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("media_workers", 1, "queue_capacity", 6,
                "queue_per_account", 3, "decode_factor", 3.0, "decode_margin_seconds", 30,
                "plans", new String[] {FREE, PlanCatalog.PRO_LINE}));
        real = platform.registry.transcoder().orElseThrow();
        try (InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            video = in.readAllBytes();
        }
    }

    @BeforeEach
    void gateTheTranscoder() {
        ordered = new OrderedTranscoder(real);
        platform.plugins().transcoders.remove(real);
        platform.plugins().transcoders.add(ordered, Map.of());
    }

    @AfterEach
    void restoreTheTranscoder() {
        ordered.gate.countDown();
        platform.plugins().transcoders.remove(ordered);
        platform.plugins().transcoders.add(real, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private Caller user() {
        return platform.register("q" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    private String upload(Caller caller) {
        return platform.media.upload(caller, new ByteArrayInputStream(video), "video/mp4", video.length).id();
    }

    private void awaitReady(List<String> ids) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        for (String id : ids) {
            String status = platform.db.media().find(id).orElseThrow().status();
            while ("processing".equals(status)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(id + " is still processing");
                }
                Thread.sleep(20);
                status = platform.db.media().find(id).orElseThrow().status();
            }
            assertEquals("ready", status, id);
        }
    }

    /** A second processor over the same database, as after a restart. */
    private MediaProcessor processor(int capacity, int perAccount) {
        // no drain: a stop breaks the running transcode off at once and gives its video back
        Map<String, Object> queue = new HashMap<>(Map.of("queue_capacity", capacity, "queue_per_account", perAccount,
                "processing_drain_seconds", 0L));
        return new MediaProcessor(platform.db.media(), platform.db.accounts(), platform.registry, platform.plans,
                platform.settings(org.aisora.core.internal.media.MediaConfiguration.class),
                platform.settings(org.aisora.core.internal.node.NodeConfiguration.class),
                TestConfig.of(VideoQueueConfig.class, queue), platform.work.resolveSibling(
                        platform.work.getFileName() + "-restart"), java.time.Clock.systemUTC());
    }

    private long spoolFiles() throws Exception {
        Path spool = platform.work.resolve("spool");
        if (!Files.exists(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    /** Ann's many videos delay Bob's by one of hers, not by all; a full share or queue answers 429 and keeps nothing. */
    @Test
    void accountsAreServedRoundRobinAndAFullQueueKeepsNothing() throws Exception {
        Caller ann = user();
        Caller bob = user();
        Caller carol = user();
        String a1 = upload(ann);
        assertTrue(ordered.started.await(60, java.util.concurrent.TimeUnit.SECONDS), "a1 is being rendered");
        List<String> anns = new ArrayList<>(List.of(a1, upload(ann), upload(ann), upload(ann)));
        long rows = platform.db.queryLong("SELECT COUNT(*) FROM media");
        long blobs = platform.blobFiles();
        long ledger = platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries");
        // no claim of a type: the content is found to be a video, then refused before any of it is stored
        RateLimitedException share = assertThrows(RateLimitedException.class, () -> platform.media.upload(ann,
                new ByteArrayInputStream(video), "application/octet-stream", video.length));
        assertEquals(MediaProcessor.QUEUE_FULL, share.code());
        assertEquals(429, share.kind().status());
        assertTrue(share.retryAfterSeconds() >= 1);
        List<String> bobs = List.of(upload(bob), upload(bob), upload(bob));
        assertEquals(6, platform.processor.waiting());
        long rowsWithBob = platform.db.queryLong("SELECT COUNT(*) FROM media");
        long blobsWithBob = platform.blobFiles();
        // declared a video: refused before a byte of the body is read
        ByteArrayInputStream body = new ByteArrayInputStream(video);
        RateLimitedException full = assertThrows(RateLimitedException.class, () -> platform.media.upload(carol,
                body, "video/mp4", video.length));
        assertEquals(MediaProcessor.QUEUE_FULL, full.code());
        assertEquals(video.length, body.available(), "the body was not read");
        // the refused uploads left no row, blob, spool file or ledger entry
        assertEquals(rowsWithBob, platform.db.queryLong("SELECT COUNT(*) FROM media"));
        assertEquals(rows, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id <> ?", bob.accountId()));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", carol.accountId()));
        assertEquals(blobsWithBob, platform.blobFiles());
        assertTrue(blobs < blobsWithBob, "bob's uploads were stored");
        assertEquals(0, spoolFiles());
        assertEquals(ledger, platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries"));

        ordered.gate.countDown();
        List<String> all = new ArrayList<>(anns);
        all.addAll(bobs);
        awaitReady(all);
        assertEquals(List.of(a1, anns.get(1), bobs.get(0), anns.get(2), bobs.get(1), anns.get(3), bobs.get(2)),
                ordered.order());
        assertEquals(0, platform.processor.waiting());
        awaitReady(List.of(upload(carol))); // places are free again
    }

    /** Factor x the plan's max.video.seconds + margin: 3 x 10 + 30 on free, 3 x 60 + 30 on pro (the clip is 2 s). */
    @Test
    void theDecodeLimitFollowsTheAccountsPlan() throws Exception {
        ordered.gate.countDown();
        Caller free = user();
        Caller pro = user();
        try (var c = platform.db.dataSource().getConnection();
             var st = c.prepareStatement("UPDATE accounts SET plan = 'pro' WHERE id = ?")) {
            st.setString(1, pro.accountId());
            assertEquals(1, st.executeUpdate());
        }
        String f = upload(free);
        String p = upload(pro);
        awaitReady(List.of(f, p));
        assertEquals(Duration.ofSeconds(60), ordered.limits.get(f));
        assertEquals(Duration.ofSeconds(210), ordered.limits.get(p));
        // the upload's own poster frame is bounded the same way, before the video's length is known
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(210)), ordered.posterLimits());
    }

    /** A restart finds more "processing" items than the queue holds: they wait in the database, none is lost. */
    @Test
    void aRestartWithMoreItemsThanPlacesProcessesThemAll() throws Exception {
        ordered.gate.countDown();
        Caller dan = user();
        String first = upload(dan);
        awaitReady(List.of(first));
        MediaRecord done = platform.db.media().find(first).orElseThrow();
        // held from here on: the running processor's scan may claim one of the items below too, but cannot end it
        OrderedTranscoder held = new OrderedTranscoder(real);
        platform.plugins().transcoders.remove(ordered);
        platform.plugins().transcoders.add(held, Map.of());
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MediaRecord copy = new MediaRecord(UUID.randomUUID().toString(), dan.accountId(), null, null, done.kind(),
                    done.contentType(), done.bytes(), done.width(), done.height(), done.storeId(), done.blobKey(),
                    done.sha256(), "processing", done.createdAt(), done.expiresAt(), done.durationSeconds(),
                    done.frameRate(), done.codec(), 0, null);
            platform.db.media().insert(copy);
            left.add(copy.id());
        }
        // the first start is stopped while it renders one of them: that one is not failed, all stay "processing"
        try {
            MediaProcessor stopped = processor(2, 1);
            assertTrue(held.started.await(60, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(stopped.waiting() <= 1, "one place per account: " + stopped.waiting());
            stopped.stop();
            for (String id : left) {
                assertEquals("processing", platform.db.media().find(id).orElseThrow().status(), id);
            }
            held.gate.countDown();
            MediaProcessor restarted = processor(2, 1);
            try {
                awaitReady(left);
            } finally {
                restarted.stop();
            }
        } finally {
            platform.plugins().transcoders.remove(held);
            platform.plugins().transcoders.add(ordered, Map.of());
        }
        for (String id : left) {
            assertEquals(1, platform.db.queryLong(
                    "SELECT COUNT(*) FROM media WHERE parent_id = ? AND kind = 'rendition'", id), id);
        }
    }
}
