package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.instant;
import static org.aisora.persistence.internal.Rows.string;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.api.store.VendorDeletionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The vendor deletion queue in plain SQL (see V12__vendor_deletions.sql), claimed under a lease as every
 * {@link LeasedQueueTable} is, while the vendor is called.
 */
@Component(service = VendorDeletionStore.class)
public final class JpaVendorDeletionStore implements VendorDeletionStore {
    private static final String COLUMNS = "id, provider_id, vendor, vendor_task_id, reason, status, attempts,"
            + " next_attempt_at, last_error, vendor_retention, created_at, updated_at";

    private final LeasedQueueTable<VendorDeletionRecord> table;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaVendorDeletionStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                  @Reference(name = "schema") SchemaReady schema) {
        this.table = new LeasedQueueTable<>(emf, "vendor_deletions", COLUMNS, JpaVendorDeletionStore::row);
    }

    @Override
    public VendorDeletionRecord enqueue(VendorDeletionRecord row) {
        // the common repeat (a re-run erasure, a later expiry) finds its row and costs no failed INSERT
        return table.enqueue(row, () -> find(row.providerId(), row.vendorTaskId()),
                "?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, ?, ?", row.id(), row.providerId(), row.vendor(),
                row.vendorTaskId(), row.reason().code(), row.status().code(), row.nextAttemptAt().toEpochMilli(),
                row.vendorRetention(), row.createdAt().toEpochMilli(), row.updatedAt().toEpochMilli());
    }

    @Override
    public List<VendorDeletionRecord> claim(String node, Instant now, Instant leaseUntil, int limit) {
        return table.claim(node, now, leaseUntil, limit);
    }

    @Override
    public boolean markDeleted(String id, String node, Instant at) {
        return table.transition(id, node, "status = 'deleted', last_error = NULL", at);
    }

    @Override
    public boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return table.retryLater(id, node, nextAttemptAt, errorCode, at);
    }

    @Override
    public boolean markFailed(String id, String node, String errorCode, Instant at) {
        return table.markFailed(id, node, errorCode, at);
    }

    @Override
    public boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return table.postpone(id, node, nextAttemptAt, errorCode, at);
    }

    @Override
    public Map<Status, Long> countByStatus() {
        return table.countByStatus(Status.class, Status::of);
    }

    @Override
    public List<VendorDeletionRecord> list(Status status, int limit) {
        return table.find("status = ? ORDER BY updated_at DESC, id", Math.max(1, limit), status.code());
    }

    @Override
    public Optional<VendorDeletionRecord> find(String providerId, String vendorTaskId) {
        return table.find("provider_id = ? AND vendor_task_id = ?", 0, providerId, vendorTaskId).stream().findFirst();
    }

    private static VendorDeletionRecord row(Object[] r) {
        return new VendorDeletionRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                Reason.of(string(r[4])), Status.of(string(r[5])), Rows.integer(r[6]), instant(r[7]), string(r[8]),
                string(r[9]), instant(r[10]), instant(r[11]));
    }
}
