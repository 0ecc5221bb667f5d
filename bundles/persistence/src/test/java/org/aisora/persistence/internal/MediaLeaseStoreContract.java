package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases on video processing on a real database: exclusive claims between nodes, the heartbeat, takeover only
 * after expiry, a finish only by the holder, and release.
 */
abstract class MediaLeaseStoreContract {
    private static final String OWNER = "6d1f6c3e-0000-4000-8000-000000000001";
    private TestStores stores;
    private MediaStore media;

    abstract TestStores open();

    @BeforeEach
    void boot() {
        stores = open(); // a database per test: claims see every processing row, so tests must not share one
        media = stores.media();
    }

    @AfterEach
    void shutdown() throws Exception {
        stores.close();
    }

    private MediaRecord processing(Instant createdAt) {
        MediaRecord r = new MediaRecord(Fixtures.id(), OWNER, null, null, "upload", "video/mp4", 1000, 320, 240,
                "filesystem", "blobs/" + Fixtures.id(), "ab".repeat(32), "processing", createdAt,
                createdAt.plusSeconds(3600), 2.0, 25.0, "h264", 0, null);
        media.insert(r);
        return r;
    }

    private MediaRecord rendition(MediaRecord parent) {
        return new MediaRecord(Fixtures.id(), OWNER, null, parent.id(), "rendition", "video/mp4", 900, 320, 240,
                "filesystem", "blobs/" + Fixtures.id(), "cd".repeat(32), "ready", parent.createdAt(),
                parent.expiresAt(), 2.0, 25.0, "h264", 100, null);
    }

    private String claimedBy(String id) {
        return stores.queryString("SELECT claimed_by FROM media WHERE id = ?", id);
    }

    private long leaseUntil(String id) {
        return stores.queryLong("SELECT lease_until FROM media WHERE id = ?", id);
    }

    private static List<String> ids(List<MediaRecord> records) {
        return records.stream().map(MediaRecord::id).toList();
    }

    @Test
    void aClaimIsALeaseOnlyItsNodeHoldsUntilItRunsOut() {
        MediaRecord older = processing(T0);
        MediaRecord newer = processing(T0.plusSeconds(1));
        MediaRecord ready = Fixtures.media(OWNER, null, null, T0.minusSeconds(5));
        media.insert(ready);
        media.insert(new MediaRecord(Fixtures.id(), OWNER, null, older.id(), "rendition", "video/mp4", 1, 2, 2,
                "filesystem", "k", null, "processing", T0.minusSeconds(9), null, 0, 0, null, 0, null));

        List<MediaRecord> mine = media.claimProcessing("node-a", T0.plusSeconds(2), T0.plusSeconds(62), 1);
        assertEquals(List.of(older.id()), ids(mine), "oldest first, up to the limit, top-level processing only");
        assertEquals("processing", mine.get(0).status());
        assertEquals("node-a", claimedBy(older.id()));
        assertEquals(T0.plusSeconds(62).toEpochMilli(), leaseUntil(older.id()));

        assertEquals(List.of(newer.id()), ids(media.claimProcessing("node-b", T0.plusSeconds(3), T0.plusSeconds(63),
                10)), "a live lease is not claimed again; ready items and derivatives never are");
        assertFalse(media.claimProcessing(older.id(), "node-b", T0.plusSeconds(30), T0.plusSeconds(90)));
        assertTrue(media.claimProcessing(older.id(), "node-a", T0.plusSeconds(30), T0.plusSeconds(90)),
                "its own lease is renewed");
        assertEquals(T0.plusSeconds(90).toEpochMilli(), leaseUntil(older.id()));
        assertFalse(media.claimProcessing(ready.id(), "node-a", T0, T0.plusSeconds(60)), "ready is not processing");

        // node-b's lease on the newer item runs out unrenewed: then, and only then, another node takes it over
        assertEquals(List.of(), media.claimProcessing("node-c", T0.plusSeconds(62), T0.plusSeconds(122), 10));
        assertFalse(media.claimProcessing(newer.id(), "node-c", T0.plusSeconds(62), T0.plusSeconds(122)));
        assertEquals(List.of(newer.id()), ids(media.claimProcessing("node-c", T0.plusSeconds(64), T0.plusSeconds(124),
                10)));
        assertEquals("node-c", claimedBy(newer.id()));
        assertFalse(media.progressProcessing(newer.id(), "node-b", 40), "node-b lost it: its late progress is not written");
        assertTrue(media.progressProcessing(newer.id(), "node-c", 30));
        assertEquals(30, media.find(newer.id()).orElseThrow().progress());
        assertFalse(media.finishProcessing(newer.id(), "node-b", List.of(rendition(newer)), "ready", 100, null),
                "nor its late result");
        assertEquals(0, media.findByParent(newer.id()).size());
        assertEquals("processing", media.find(newer.id()).orElseThrow().status());
    }

    @Test
    void aRowFromBeforeLeasesIsFree() {
        MediaRecord legacy = processing(T0);
        assertEquals(1, stores.execute("UPDATE media SET claimed_by = 'old-node', lease_until = NULL WHERE id = ?",
                legacy.id()));
        assertTrue(media.claimProcessing(legacy.id(), "node-a", T0, T0.plusSeconds(60)));
    }

    @Test
    void theHeartbeatExtendsOnlyTheNodesOwnProcessingItems() {
        MediaRecord a1 = processing(T0);
        MediaRecord a2 = processing(T0.plusMillis(1));
        MediaRecord b1 = processing(T0.plusMillis(2));
        MediaRecord done = processing(T0.plusMillis(3));
        assertEquals(2, media.claimProcessing("node-a", T0, T0.plusSeconds(60), 2).size());
        assertTrue(media.claimProcessing(b1.id(), "node-b", T0, T0.plusSeconds(60)));
        assertTrue(media.claimProcessing(done.id(), "node-a", T0, T0.plusSeconds(60)));
        assertTrue(media.finishProcessing(done.id(), "node-a", List.of(rendition(done)), "ready", 100, null));

        assertEquals(2, media.extendProcessingLeases("node-a", T0.plusSeconds(100)));
        assertEquals(T0.plusSeconds(100).toEpochMilli(), leaseUntil(a1.id()));
        assertEquals(T0.plusSeconds(100).toEpochMilli(), leaseUntil(a2.id()));
        assertEquals(T0.plusSeconds(60).toEpochMilli(), leaseUntil(b1.id()), "another node's lease is untouched");
        assertEquals(T0.plusSeconds(60).toEpochMilli(), leaseUntil(done.id()), "a finished item holds no live lease");
        assertEquals(0, media.extendProcessingLeases("node-z", T0.plusSeconds(100)));
        assertEquals(List.of(b1.id()), ids(media.claimProcessing("node-c", T0.plusSeconds(90), T0.plusSeconds(150),
                10)), "the heartbeat kept node-a's items; node-b's unrenewed lease ran out");
    }

    @Test
    void aFinishWritesTheDerivativesAndTheEndOnceForTheHolderOnly() {
        MediaRecord item = processing(T0);
        assertTrue(media.claimProcessing(item.id(), "node-a", T0, T0.plusSeconds(60)));
        MediaRecord r = rendition(item);
        assertFalse(media.finishProcessing(item.id(), "node-b", List.of(r), "ready", 100, null));
        assertEquals(0, media.findByParent(item.id()).size(), "nothing written for a node without the lease");

        assertTrue(media.finishProcessing(item.id(), "node-a", List.of(r), "ready", 100, null));
        MediaRecord ended = media.find(item.id()).orElseThrow();
        assertEquals("ready", ended.status());
        assertEquals(100, ended.progress());
        assertEquals(List.of(r.id()), ids(media.findByParent(item.id())));
        assertEquals("node-a", claimedBy(item.id()), "who processed it stays on record");
        assertFalse(media.finishProcessing(item.id(), "node-a", List.of(rendition(item)), "ready", 100, null),
                "ended once");
        assertFalse(media.progressProcessing(item.id(), "node-a", 50), "a late progress report of an ended item");
        assertEquals("ready", media.find(item.id()).orElseThrow().status());
        assertEquals(100, media.find(item.id()).orElseThrow().progress());
        assertEquals(1, media.findByParent(item.id()).size());

        MediaRecord broken = processing(T0.plusMillis(1));
        assertTrue(media.claimProcessing(broken.id(), "node-a", T0, T0.plusSeconds(60)));
        assertTrue(media.finishProcessing(broken.id(), "node-a", List.of(), "failed", 0, "decode_timeout"));
        assertEquals("decode_timeout", media.find(broken.id()).orElseThrow().errorCode());
        MediaRecord gone = processing(T0.plusMillis(2));
        assertTrue(media.claimProcessing(gone.id(), "node-a", T0, T0.plusSeconds(60)));
        media.delete(List.of(gone.id()));
        assertFalse(media.finishProcessing(gone.id(), "node-a", List.of(rendition(gone)), "ready", 100, null),
                "deleted meanwhile");
        assertEquals(0, media.findByParent(gone.id()).size());
    }

    @Test
    void aReleasedClaimIsFreeAtOnce() {
        MediaRecord one = processing(T0);
        MediaRecord two = processing(T0.plusMillis(1));
        MediaRecord other = processing(T0.plusMillis(2));
        assertEquals(2, media.claimProcessing("node-a", T0, T0.plusSeconds(60), 2).size());
        assertTrue(media.claimProcessing(other.id(), "node-b", T0, T0.plusSeconds(60)));

        assertFalse(media.releaseProcessing(one.id(), "node-b"), "only the holder releases");
        assertTrue(media.releaseProcessing(one.id(), "node-a"));
        assertNull(claimedBy(one.id()));
        assertEquals(List.of(one.id()), ids(media.claimProcessing("node-c", T0.plusSeconds(1), T0.plusSeconds(61),
                10)), "free before its lease would have run out");

        assertEquals(1, media.releaseProcessing("node-a"), "the stopping node's remaining claim");
        assertEquals("node-b", claimedBy(other.id()), "another node's claim stays");
        assertEquals(List.of(two.id()), ids(media.claimProcessing("node-c", T0.plusSeconds(2), T0.plusSeconds(62),
                10)));
    }

    @Test
    void nodesClaimingAtOnceNeverGetTheSameItem() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(processing(T0.plusMillis(i)).id());
        }
        int nodes = 4;
        List<Object> results = Race.each(nodes, i -> () -> {
            List<String> mine = new ArrayList<>();
            // each node claims in small batches, with the single claim as a second path, until nothing is free
            for (int round = 0; round < 40; round++) {
                List<MediaRecord> batch = media.claimProcessing("node-" + i, T0, T0.plusSeconds(60), 3);
                mine.addAll(ids(batch));
                String single = all.get((round * 7 + i) % all.size());
                if (media.claimProcessing(single, "node-" + i, T0, T0.plusSeconds(60))
                        && !mine.contains(single)) {
                    mine.add(single);
                }
            }
            return mine;
        });
        Set<String> seen = new HashSet<>();
        int claims = 0;
        for (int i = 0; i < nodes; i++) {
            @SuppressWarnings("unchecked")
            List<String> mine = (List<String>) results.get(i);
            for (String id : mine) {
                claims++;
                assertTrue(seen.add(id), id + " was claimed by two nodes");
                assertEquals("node-" + i, claimedBy(id), "the row names the node that won it");
            }
        }
        assertEquals(all.size(), claims, "every item claimed once");
        assertEquals(Set.copyOf(all), seen);
    }
}
