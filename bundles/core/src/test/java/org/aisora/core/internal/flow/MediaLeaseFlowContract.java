package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.service.Caller;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.media.MediaProcessor;
import org.aisora.core.internal.media.VideoQueueConfig;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several video processors ("nodes") on one database: every video is processed once, a starting node leaves
 * another node's live lease and its renditions alone, an expired lease is taken over, a stop finishes or gives
 * back, and a configuration edit never interrupts a running transcode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MediaLeaseFlowContract {
    private static final long LEASE_SECONDS = 3;
    TestPlatform platform;
    private Transcoder real;
    private OrderedTranscoder transcoder;
    private MediaRecord seed;
    private final List<MediaProcessor> nodes = new ArrayList<>();
    private final List<TestStores> stores = new ArrayList<>();

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("media_workers", 1));
        real = platform.registry.transcoder().orElseThrow();
        byte[] video;
        try (InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            video = in.readAllBytes();
        }
        Caller owner = platform.register("lease" + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "1990-01-01");
        String id = platform.media.upload(owner, new ByteArrayInputStream(video), "video/mp4", video.length).id();
        await(() -> "ready".equals(status(id)), id + " is ready");
        seed = platform.db.media().find(id).orElseThrow();
        // from here on the nodes are the ones each test starts
        platform.processor.stop();
    }

    @AfterAll
    void close() throws Exception {
        platform.close();
    }

    @BeforeEach
    void holdTheTranscoder() {
        transcoder = new OrderedTranscoder(real);
        platform.plugins().transcoders.remove(real);
        platform.plugins().transcoders.add(transcoder, Map.of());
    }

    @AfterEach
    void stopTheNodes() throws Exception {
        transcoder.gate.countDown();
        for (MediaProcessor node : nodes) {
            node.stop();
        }
        nodes.clear();
        for (TestStores s : stores) {
            s.close();
        }
        stores.clear();
        platform.plugins().transcoders.remove(transcoder);
        platform.plugins().transcoders.add(real, Map.of());
        platform.db.execute("UPDATE media SET status = 'failed' WHERE status = 'processing'"); // nothing leaks on
    }

    /** A node: its own stores (connection pool, EntityManagerFactory) on the same database, its own work folder. */
    MediaProcessor node(String nodeId, Map<String, Object> overrides) {
        TestStores s = platform.db.node();
        stores.add(s);
        Map<String, Object> cfg = new HashMap<>(Map.of("node_id", nodeId, "media_workers", 1,
                "processing_lease_seconds", LEASE_SECONDS, "processing_scan_interval_ms", 100L,
                "processing_drain_seconds", 10L, "queue_capacity", 32, "queue_per_account", 32));
        cfg.putAll(overrides);
        MediaProcessor node = new MediaProcessor(s.media(), s.accounts(), platform.registry, platform.plans,
                TestConfig.media(cfg), TestConfig.node(cfg), TestConfig.of(VideoQueueConfig.class, cfg),
                platform.work.resolveSibling(platform.work.getFileName() + "-" + nodeId + "-" + UUID.randomUUID()),
                java.time.Clock.systemUTC());
        nodes.add(node);
        return node;
    }

    MediaProcessor node(String nodeId) {
        return node(nodeId, Map.of());
    }

    /**
     * A video waiting to be processed, as an upload leaves it (the seed's blob as its source). It is written ready
     * and made "processing" with its lease in one statement, so no node claims it while it is being set up.
     */
    String video(String claimedBy, Instant leaseUntil) {
        String id = UUID.randomUUID().toString();
        platform.db.media().insert(new MediaRecord(id, seed.ownerId(), null, null, seed.kind(), seed.contentType(),
                seed.bytes(), seed.width(), seed.height(), seed.storeId(), seed.blobKey(), seed.sha256(), "ready",
                Instant.now(), seed.expiresAt(), seed.durationSeconds(), seed.frameRate(), seed.codec(), 100, null));
        assertEquals(1, platform.db.execute("UPDATE media SET status = 'processing', progress = 0, claimed_by = ?,"
                + " lease_until = ? WHERE id = ?", claimedBy, leaseUntil == null ? null : leaseUntil.toEpochMilli(), id));
        return id;
    }

    /** A rendition row with its blob, as an attempt on {@code parentId} left it. */
    MediaRecord renditionOf(String parentId) throws Exception {
        BlobInfo blob = platform.storage.put(seed.ownerId() + "/up/" + parentId + "-partial.mp4",
                new ByteArrayInputStream(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'}), "video/mp4");
        MediaRecord r = new MediaRecord(UUID.randomUUID().toString(), seed.ownerId(), null, parentId, "rendition",
                "video/mp4", blob.size(), 320, 240, blob.storeId(), blob.key(), blob.sha256(), "ready",
                seed.createdAt(), seed.expiresAt(), 2.0, 25.0, "h264", 100, null);
        platform.db.media().insert(r);
        return r;
    }

    String status(String id) {
        return platform.db.media().find(id).map(MediaRecord::status).orElse("gone");
    }

    String claimedBy(String id) {
        return platform.db.queryString("SELECT claimed_by FROM media WHERE id = ?", id);
    }

    long leaseUntil(String id) {
        return platform.db.queryLong("SELECT lease_until FROM media WHERE id = ?", id);
    }

    List<String> renditions(String id) {
        return platform.db.media().findByParent(id).stream().filter(m -> "rendition".equals(m.kind()))
                .map(MediaRecord::id).toList();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }

    void assertProcessedOnce(String id) {
        assertEquals("ready", status(id), id);
        assertEquals(1, transcoder.calls(id), "renditions begun for " + id + ": " + transcoder.calls);
        assertEquals(1, renditions(id).size(), "renditions of " + id);
    }

    @Test
    void twoNodesProcessEveryVideoExactlyOnce() throws Exception {
        transcoder.gate.countDown();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(video(null, null));
        }
        MediaProcessor a = node("node-a");
        MediaProcessor b = node("node-b");
        for (String id : ids) {
            await(() -> "ready".equals(status(id)), id + " is ready");
        }
        for (String id : ids) {
            assertProcessedOnce(id);
            assertTrue(Set.of(a.nodeId(), b.nodeId()).contains(claimedBy(id)), "processed under a node's lease");
        }
    }

    /** The reported bug: a start requeued every processing video, other nodes' too, and deleted their renditions. */
    @Test
    void aStartingNodeLeavesAnotherNodesLiveLeaseAndItsRenditionsAlone() throws Exception {
        MediaProcessor a = node("node-a");
        String running = video(null, null);
        assertTrue(transcoder.started.await(30, TimeUnit.SECONDS), "node-a renders");
        assertEquals(a.nodeId(), claimedBy(running));
        // a node that holds a video under a live lease, with a rendition of it already stored
        String held = video("node-live", Instant.now().plusSeconds(120));
        MediaRecord made = renditionOf(held);
        long heldUntil = leaseUntil(held);

        MediaProcessor b = node("node-b");
        Thread.sleep(1500); // many scans of node-b, and heartbeats of node-a
        assertEquals(a.nodeId(), claimedBy(running), "node-a's running video stays node-a's");
        assertTrue(leaseUntil(running) > Instant.now().toEpochMilli(), "node-a's heartbeat keeps its lease live");
        assertEquals("node-live", claimedBy(held));
        assertEquals(heldUntil, leaseUntil(held));
        assertEquals(List.of(made.id()), renditions(held), "another node's rendition is not deleted");
        assertTrue(platform.storage.exists(made.blobKey()), "nor its blob");
        assertEquals(0, transcoder.calls(held));
        assertEquals(1, transcoder.calls(running), "node-b did not start node-a's video again");
        assertEquals(0, b.waiting());

        transcoder.gate.countDown();
        await(() -> "ready".equals(status(running)), running + " is ready");
        assertProcessedOnce(running);
        assertEquals(a.nodeId(), claimedBy(running));
        assertEquals("processing", status(held), "still node-live's");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndCompletesOnce() throws Exception {
        transcoder.gate.countDown();
        String dead = video("node-dead", Instant.now().minusSeconds(1));
        MediaRecord partial = renditionOf(dead);
        String legacy = video("node-old", null); // from before leases: free
        String alive = video("node-dead", Instant.now().plusSeconds(120));
        MediaProcessor b = node("node-b");
        await(() -> "ready".equals(status(dead)) && "ready".equals(status(legacy)), "both are ready");
        assertProcessedOnce(dead);
        assertProcessedOnce(legacy);
        assertEquals(b.nodeId(), claimedBy(dead));
        assertNotEquals(List.of(partial.id()), renditions(dead), "the partial rendition of that item was replaced");
        assertFalse(platform.storage.exists(partial.blobKey()), "and its blob deleted");
        assertEquals("processing", status(alive), "a live lease of the same node is not taken");
        assertEquals(0, transcoder.calls(alive));
    }

    @Test
    void aStopFinishesWithinTheDrainTime() throws Exception {
        MediaProcessor b = node("node-b");
        String id = video(null, null);
        assertTrue(transcoder.started.await(30, TimeUnit.SECONDS));
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transcoder.gate.countDown();
        });
        opener.start();
        b.stop(); // the drain (10 s) outlasts the transcode
        opener.join();
        assertProcessedOnce(id);
        assertEquals(b.nodeId(), claimedBy(id));
    }

    @Test
    void aStopBeyondTheDrainTimeGivesTheVideoBackAtOnce() throws Exception {
        MediaProcessor b = node("node-b", Map.of("processing_drain_seconds", 0L));
        String running = video(null, null);
        assertTrue(transcoder.started.await(30, TimeUnit.SECONDS));
        String waiting = video(null, null);
        try (MediaProcessor.Slot slot = b.reserve(seed.ownerId())) {
            slot.schedule(waiting); // as an upload made on node-b: claimed and queued there
        }
        assertEquals(b.nodeId(), claimedBy(waiting));
        assertEquals(1, b.waiting());
        b.stop();
        assertEquals("processing", status(running), "broken off, not failed");
        assertNull(claimedBy(running), "given back, not left to its lease");
        assertEquals("processing", status(waiting));
        assertNull(claimedBy(waiting), "what waited is given back too");

        transcoder.gate.countDown();
        MediaProcessor c = node("node-c", Map.of("processing_lease_seconds", 600L));
        await(() -> "ready".equals(status(running)) && "ready".equals(status(waiting)), "node-c ends both");
        assertEquals(c.nodeId(), claimedBy(running));
        assertEquals(2, transcoder.calls(running), "begun on node-b, done on node-c");
        assertEquals(1, renditions(running).size());
        assertProcessedOnce(waiting);
    }

    @Test
    void aConfigurationEditDoesNotInterruptARunningTranscode() throws Exception {
        Map<String, Object> cfg = new HashMap<>(Map.of("node_id", "node-b", "media_workers", 1,
                "processing_lease_seconds", LEASE_SECONDS, "processing_scan_interval_ms", 100L,
                "queue_capacity", 32, "queue_per_account", 32));
        MediaProcessor b = node("node-b", cfg);
        String first = video(null, null);
        assertTrue(transcoder.started.await(30, TimeUnit.SECONDS));
        String second = video(null, null);
        Thread.sleep(500);
        assertEquals(List.of(first), transcoder.order(), "one worker: the second waits in the database");
        assertNull(claimedBy(second), "claimed only when a worker can run it");

        cfg.put("media_workers", 2);
        cfg.put("processing_scan_interval_ms", 50L);
        cfg.put("queue_capacity", 1);
        cfg.put("queue_per_account", 1);
        b.reconfigure(TestConfig.media(cfg), TestConfig.of(VideoQueueConfig.class, cfg));
        await(() -> transcoder.order().size() == 2, "the second worker starts the second video");
        assertEquals(b.nodeId(), claimedBy(second));
        assertEquals("processing", status(first), "the first transcode goes on");
        try (MediaProcessor.Slot held = b.reserve("someone")) {
            RateLimitedException full = assertThrows(RateLimitedException.class, () -> b.reserve("someone-else"));
            assertEquals(MediaProcessor.QUEUE_FULL, full.code(), "the new capacity of 1 applies at once");
        }

        transcoder.gate.countDown();
        await(() -> "ready".equals(status(first)) && "ready".equals(status(second)), "both are ready");
        assertProcessedOnce(first);
        assertProcessedOnce(second);
    }
}
