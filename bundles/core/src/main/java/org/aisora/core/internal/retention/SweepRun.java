package org.aisora.core.internal.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.aisora.api.service.SweepReport;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.RetentionStore;
import org.aisora.api.store.RetentionStore.Expired;
import org.aisora.api.store.RetentionStore.Table;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;

/**
 * One sweep over the tables with expiries, in batches: claim expired rows under a lease, delete each
 * row's blob, then the row. Blob first: a crash between the two leaves a row whose blob is gone, which
 * the next sweep (once the lease runs out) deletes again without harm; it never leaves a blob that no
 * row points to. Two sweepers never hold the same row, so each row is deleted, and counted, once.
 */
final class SweepRun {
    private static final int MAX_PROBLEMS = 20;

    private final RetentionStore store;
    private final VendorDeletionQueue vendorDeletions;
    private final Function<String, Optional<BlobStore>> blobStores;
    private final Clock clock;
    private final int batch;
    private final Duration lease;
    private final Map<String, Long> deleted = new TreeMap<>();
    private final Map<String, Long> failed = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    SweepRun(RetentionStore store, VendorDeletionQueue vendorDeletions,
             Function<String, Optional<BlobStore>> blobStores, Clock clock, int batch, Duration lease) {
        this.store = store;
        this.vendorDeletions = vendorDeletions;
        this.blobStores = blobStores;
        this.clock = clock;
        this.batch = Math.max(1, batch);
        this.lease = lease;
    }

    SweepReport sweep(int rederived, Instant mailBefore, Instant legalBefore) {
        Instant started = clock.instant();
        for (Table table : Table.values()) { // media first: a job's outputs go before its log
            sweep(table);
        }
        // records without a blob: sessions, tokens, e-mail changes, audit entries, devices, sent mail, and the
        // pseudonymised payment records of deleted accounts past their legal retention
        store.deleteExpiredRecords(clock.instant(), mailBefore, legalBefore, batch)
                .forEach((kind, n) -> deleted.merge(kind, n, Long::sum));
        return new SweepReport(started, Duration.between(started, clock.instant()).toMillis(), false, deleted, failed,
                problems, rederived);
    }

    /** What a sweep now would delete, without claiming anything. */
    SweepReport dry() {
        Instant started = clock.instant();
        Instant now = clock.instant();
        for (Table table : Table.values()) {
            store.expiring(table, Instant.EPOCH, now.plusMillis(1)).forEach((kind, n) -> deleted.merge(kind, n, Long::sum));
        }
        return new SweepReport(started, 0, true, deleted, failed, problems, 0);
    }

    private void sweep(Table table) {
        while (true) {
            Instant now = clock.instant();
            String claim = UUID.randomUUID().toString();
            List<Expired> rows = store.claimExpired(table, now, batch, claim, now.plus(lease));
            queueVendorCopies(table, rows, now);
            List<String> blobsGone = new ArrayList<>(rows.size());
            for (Expired row : rows) {
                if (deleteBlob(row)) {
                    blobsGone.add(row.id());
                }
            }
            // then the rows, in one transaction; a row whose claim ran out meanwhile is another sweeper's
            Map<String, Long> done = store.deleteClaimed(table, blobsGone, claim);
            done.forEach((kind, n) -> deleted.merge(kind, n, Long::sum));
            // empty: nothing left to claim; nothing deleted: what is left failed and waits for its lease
            if (rows.isEmpty() || done.isEmpty()) {
                return;
            }
        }
    }

    /**
     * The vendor tasks behind expiring generated outputs and jobs go into the vendor deletion queue before
     * their rows go (the attempts are deleted with their job): a crash after this repeats an idempotent enqueue.
     */
    private void queueVendorCopies(Table table, List<Expired> rows, Instant now) {
        for (Expired row : rows) {
            if (table == Table.JOBS) {
                vendorDeletions.enqueueJob(row.id(), Reason.EXPIRY, now);
            } else if ("generated".equals(row.kind())) {
                vendorDeletions.enqueueMediaIds(List.of(row.id()), Reason.EXPIRY, now);
            }
        }
    }

    /** @return whether the row's blob is gone (or it had none) */
    private boolean deleteBlob(Expired row) {
        if (row.blobKey() == null) {
            return true;
        }
        Optional<BlobStore> blobs = blobStores.apply(row.storeId());
        if (blobs.isEmpty()) {
            fail(row, "storage '" + row.storeId() + "' is not installed");
            return false;
        }
        try {
            blobs.get().delete(row.blobKey()); // false (already gone) is fine: a sweep interrupted before
            return true;
        } catch (IOException e) {
            fail(row, "blob not deleted: " + e.getMessage());
            return false;
        }
    }

    private void fail(Expired row, String why) {
        failed.merge(row.kind(), 1L, Long::sum);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(row.table().name().toLowerCase(java.util.Locale.ROOT) + " " + row.id() + ": " + why);
        }
    }
}
