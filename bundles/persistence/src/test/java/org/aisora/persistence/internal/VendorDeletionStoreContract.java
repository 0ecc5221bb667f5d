package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.api.store.VendorDeletionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vendor deletion queue on a real database: idempotent enqueue, leased claims, two nodes at once. */
abstract class VendorDeletionStoreContract {
    private TestStores stores;
    private VendorDeletionStore queue;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    abstract TestStores open();

    @BeforeEach
    void boot() {
        stores = open(); // a database per test: claims see every due row, so tests must not share one
        queue = stores.vendorDeletions();
    }

    @AfterEach
    void shutdown() throws Exception {
        stores.close();
    }

    private VendorDeletionRecord row(String task, boolean deletable, Reason reason) {
        return VendorDeletionRecord.queued(UUID.randomUUID().toString(), "runway", "Runway", task, deletable,
                "kept 30 days", reason, t0);
    }

    @Test
    void enqueueIsIdempotentPerProviderAndTask() {
        VendorDeletionRecord first = queue.enqueue(row("task-1", true, Reason.MEDIA_DELETED));
        VendorDeletionRecord again = queue.enqueue(row("task-1", true, Reason.ACCOUNT_DELETED));
        assertEquals(first.id(), again.id(), "the row queued first answers");
        assertEquals(Reason.MEDIA_DELETED, again.reason());
        assertEquals(1, stores.queryLong("SELECT COUNT(*) FROM vendor_deletions WHERE vendor_task_id = ?", "task-1"));
        queue.enqueue(new VendorDeletionRecord(UUID.randomUUID().toString(), "runway-eu", "Runway", "task-1",
                Reason.EXPIRY, Status.PENDING, 0, t0, null, "", t0, t0));
        assertEquals(2, stores.queryLong("SELECT COUNT(*) FROM vendor_deletions WHERE vendor_task_id = ?", "task-1"),
                "the same task id at another provider is another task");
        VendorDeletionRecord stored = queue.find("runway", "task-1").orElseThrow();
        assertEquals(new VendorDeletionRecord(first.id(), "runway", "Runway", "task-1", Reason.MEDIA_DELETED,
                Status.PENDING, 0, t0, null, "kept 30 days", t0, t0), stored);
    }

    @Test
    void aVendorWithoutDeletionIsRecordedWithItsRetentionAndNeverClaimed() {
        queue.enqueue(row("task-ns", false, Reason.EXPIRY));
        assertEquals(List.of(), queue.claim("n", t0.plusSeconds(1), t0.plusSeconds(60), 10));
        List<VendorDeletionRecord> listed = queue.list(Status.NOT_SUPPORTED, 10);
        assertEquals(1, listed.size());
        assertEquals("kept 30 days", listed.get(0).vendorRetention());
        assertEquals(1L, queue.countByStatus().get(Status.NOT_SUPPORTED));
        assertEquals(0L, queue.countByStatus().get(Status.PENDING), "every status is present");
    }

    @Test
    void aClaimIsALeaseThatOnlyItsNodeSettlesUntilItRunsOut() {
        String id = queue.enqueue(row("task-l", true, Reason.EXPIRY)).id();
        List<VendorDeletionRecord> mine = queue.claim("node-a", t0.plusSeconds(1), t0.plusSeconds(60), 10);
        assertEquals(1, mine.size());
        assertEquals(1, mine.get(0).attempts());
        assertEquals(List.of(), queue.claim("node-b", t0.plusSeconds(30), t0.plusSeconds(90), 10), "lease runs");
        assertFalse(queue.markDeleted(id, "node-b", t0.plusSeconds(30)), "only the owner settles a row");

        List<VendorDeletionRecord> taken = queue.claim("node-b", t0.plusSeconds(60), t0.plusSeconds(120), 10);
        assertEquals(1, taken.size(), "a lease that ran out is taken over");
        assertEquals(2, taken.get(0).attempts());
        assertFalse(queue.markDeleted(id, "node-a", t0.plusSeconds(61)), "the old owner lost it");
        assertTrue(queue.markDeleted(id, "node-b", t0.plusSeconds(62)));
        VendorDeletionRecord done = queue.find("runway", "task-l").orElseThrow();
        assertEquals(Status.DELETED, done.status());
        assertEquals(t0.plusSeconds(62), done.updatedAt());
        assertEquals(List.of(), queue.claim("node-c", t0.plusSeconds(99999), t0.plusSeconds(999999), 10));
    }

    @Test
    void retriesWaitForTheirTimePostponingDoesNotCountAndFailuresStay() {
        String id = queue.enqueue(row("task-r", true, Reason.ACCOUNT_DELETED)).id();
        queue.claim("n", t0, t0.plusSeconds(60), 10);
        assertTrue(queue.retryLater(id, "n", t0.plusSeconds(300), "provider_unavailable", t0.plusSeconds(1)));
        assertEquals(List.of(), queue.claim("n", t0.plusSeconds(299), t0.plusSeconds(400), 10));
        VendorDeletionRecord again = queue.claim("n", t0.plusSeconds(300), t0.plusSeconds(400), 10).get(0);
        assertEquals("provider_unavailable", again.lastError());
        assertEquals(2, again.attempts());
        assertTrue(queue.postpone(id, "n", t0.plusSeconds(500), "provider_not_installed", t0.plusSeconds(301)));
        VendorDeletionRecord postponed = queue.find("runway", "task-r").orElseThrow();
        assertEquals(1, postponed.attempts(), "nothing was asked of the vendor");
        assertEquals(t0.plusSeconds(500), postponed.nextAttemptAt());
        queue.claim("n", t0.plusSeconds(500), t0.plusSeconds(600), 10);
        assertTrue(queue.markFailed(id, "n", "provider_auth_failed", t0.plusSeconds(501)));
        assertFalse(queue.markDeleted(id, "n", t0.plusSeconds(502)), "failed is final");
        assertEquals(List.of(), queue.claim("n", t0.plusSeconds(99999), t0.plusSeconds(999999), 10));
        VendorDeletionRecord failed = queue.list(Status.FAILED, 10).get(0);
        assertEquals(List.of(id, 2, "provider_auth_failed"), List.of(failed.id(), failed.attempts(), failed.lastError()));
        assertEquals(Map.of(Status.PENDING, 0L, Status.DELETED, 0L, Status.FAILED, 1L, Status.NOT_SUPPORTED, 0L),
                queue.countByStatus());
    }

    @Test
    void theTableNamesNoAccount() {
        queue.enqueue(row("task-p", true, Reason.ACCOUNT_DELETED));
        assertEquals(0, stores.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) ="
                + " 'vendor_deletions' AND (LOWER(COLUMN_NAME) LIKE '%account%' OR LOWER(COLUMN_NAME) LIKE '%owner%')"));
        assertEquals(13, stores.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) ="
                + " 'vendor_deletions' AND TABLE_SCHEMA = " + (stores.toString().equals("H2") ? "'PUBLIC'" : "DATABASE()")));
    }

    @Test
    void twoNodesClaimingAtOnceNeverTakeTheSameRow() throws Exception {
        for (int i = 0; i < 200; i++) {
            queue.enqueue(row("storm-" + i, true, Reason.EXPIRY));
        }
        TestStores other = stores.node();
        try {
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            Race.each(8, t -> {
                VendorDeletionStore node = t % 2 == 0 ? queue : other.vendorDeletions();
                String name = "node-" + t;
                return () -> {
                    for (List<VendorDeletionRecord> batch = node.claim(name, t0, t0.plusSeconds(600), 7);
                         !batch.isEmpty(); batch = node.claim(name, t0, t0.plusSeconds(600), 7)) {
                        for (VendorDeletionRecord r : batch) {
                            if (!claimed.add(r.id())) {
                                duplicates.incrementAndGet();
                            }
                            node.markDeleted(r.id(), name, t0);
                        }
                    }
                    return null;
                };
            });
            assertEquals(0, duplicates.get());
            assertEquals(200, claimed.size());
            assertEquals(200L, queue.countByStatus().get(Status.DELETED));
        } finally {
            other.close();
        }
    }
}
