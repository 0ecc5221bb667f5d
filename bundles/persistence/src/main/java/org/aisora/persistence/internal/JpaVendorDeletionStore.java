package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.instant;
import static org.aisora.persistence.internal.Rows.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.Query;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.api.store.VendorDeletionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The vendor deletion queue in plain SQL (see V12__vendor_deletions.sql). A claim selects due rows with
 * {@code FOR UPDATE SKIP LOCKED} and marks them in the same transaction, so two nodes claiming at once take
 * different rows and neither waits on the other; the claim then lives on as a lease (claimed_by, with
 * next_attempt_at at the lease's end), not as a held lock, while the vendor is called.
 */
@Component(service = VendorDeletionStore.class)
public final class JpaVendorDeletionStore implements VendorDeletionStore {
    private static final String COLUMNS = "id, provider_id, vendor, vendor_task_id, reason, status, attempts,"
            + " next_attempt_at, last_error, vendor_retention, created_at, updated_at";
    private static final String PENDING = "'pending'";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaVendorDeletionStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                  @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public VendorDeletionRecord enqueue(VendorDeletionRecord row) {
        Optional<VendorDeletionRecord> before = find(row.providerId(), row.vendorTaskId());
        if (before.isPresent()) {
            return before.get(); // the common repeat (a re-run erasure, a later expiry) costs no failed INSERT
        }
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO vendor_deletions (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, ?, ?)")
                    .setParameter(1, row.id()).setParameter(2, row.providerId()).setParameter(3, row.vendor())
                    .setParameter(4, row.vendorTaskId()).setParameter(5, row.reason().code())
                    .setParameter(6, row.status().code()).setParameter(7, row.nextAttemptAt().toEpochMilli())
                    .setParameter(8, row.vendorRetention()).setParameter(9, row.createdAt().toEpochMilli())
                    .setParameter(10, row.updatedAt().toEpochMilli()).executeUpdate());
            return row;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) { // queued by another node between the look and the insert
                return find(row.providerId(), row.vendorTaskId()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<VendorDeletionRecord> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            // LIMIT written out: Hibernate would append its own after FOR UPDATE, which neither database parses
            List<Object> ids = em.createNativeQuery("SELECT id FROM vendor_deletions WHERE status = " + PENDING
                            + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT "
                            + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, at).getResultList();
            List<VendorDeletionRecord> claimed = new ArrayList<>();
            for (Object id : ids) {
                int won = em.createNativeQuery("UPDATE vendor_deletions SET claimed_by = ?, next_attempt_at = ?,"
                                + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = " + PENDING
                                + " AND next_attempt_at <= ?")
                        .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, at)
                        .setParameter(4, id).setParameter(5, at).executeUpdate();
                if (won == 1) {
                    claimed.addAll(select(em, "id = ?", id));
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean markDeleted(String id, String node, Instant at) {
        return transition(id, node, "status = 'deleted', last_error = NULL", at);
    }

    @Override
    public boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return transition(id, node, "next_attempt_at = ?, last_error = ?", at, nextAttemptAt.toEpochMilli(),
                errorCode);
    }

    @Override
    public boolean markFailed(String id, String node, String errorCode, Instant at) {
        return transition(id, node, "status = 'failed', last_error = ?", at, errorCode);
    }

    @Override
    public boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return transition(id, node, "next_attempt_at = ?, last_error = ?, attempts = attempts - 1", at,
                nextAttemptAt.toEpochMilli(), errorCode);
    }

    private boolean transition(String id, String node, String set, Instant at, Object... values) {
        return Tx.inTransaction(emf, em -> {
            Query q = em.createNativeQuery("UPDATE vendor_deletions SET " + set + ", claimed_by = NULL, updated_at = ?"
                    + " WHERE id = ? AND status = " + PENDING + " AND claimed_by = ?");
            int i = 1;
            for (Object v : values) {
                q.setParameter(i++, v);
            }
            return q.setParameter(i++, at.toEpochMilli()).setParameter(i++, id).setParameter(i, node)
                    .executeUpdate() == 1;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Status, Long> countByStatus() {
        return Tx.inTransaction(emf, em -> {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0L);
            }
            List<Object[]> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM vendor_deletions GROUP BY status")
                    .getResultList();
            rows.forEach(r -> counts.put(Status.of(string(r[0])), ((Number) r[1]).longValue()));
            return counts;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<VendorDeletionRecord> list(Status status, int limit) {
        return Tx.inTransaction(emf, em -> rows(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM vendor_deletions WHERE status = ? ORDER BY updated_at DESC, id")
                .setParameter(1, status.code()).setMaxResults(Math.max(1, limit)).getResultList()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<VendorDeletionRecord> find(String providerId, String vendorTaskId) {
        return Tx.inTransaction(emf, em -> rows(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM vendor_deletions WHERE provider_id = ? AND vendor_task_id = ?")
                .setParameter(1, providerId).setParameter(2, vendorTaskId).getResultList())).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<VendorDeletionRecord> select(EntityManager em, String where, Object arg) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM vendor_deletions WHERE " + where)
                .setParameter(1, arg).getResultList());
    }

    private static List<VendorDeletionRecord> rows(List<Object[]> rows) {
        return rows.stream().map(r -> new VendorDeletionRecord(string(r[0]), string(r[1]), string(r[2]),
                string(r[3]), Reason.of(string(r[4])), Status.of(string(r[5])), Rows.integer(r[6]), instant(r[7]),
                string(r[8]), string(r[9]), instant(r[10]), instant(r[11]))).toList();
    }
}
