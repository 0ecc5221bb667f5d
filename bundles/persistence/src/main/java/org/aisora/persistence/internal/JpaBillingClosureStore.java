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
import org.aisora.api.store.BillingClosureRecord;
import org.aisora.api.store.BillingClosureRecord.Status;
import org.aisora.api.store.BillingClosureStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The billing closure queue in plain SQL (see V20__disputes_billing_closures.sql), claimed as the vendor
 * deletion queue is: due rows selected {@code FOR UPDATE SKIP LOCKED} and marked in the same transaction, the
 * claim then living on as a lease (claimed_by, next_attempt_at at the lease's end) while the processor is called.
 */
@Component(service = BillingClosureStore.class)
public final class JpaBillingClosureStore implements BillingClosureStore {
    private static final String COLUMNS = "id, processor, customer_id, idempotency_key, status, attempts,"
            + " next_attempt_at, last_error, subscriptions_canceled, customer_deleted, created_at, updated_at";
    private static final String PENDING = "'pending'";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaBillingClosureStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                  @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public BillingClosureRecord enqueue(BillingClosureRecord row) {
        Optional<BillingClosureRecord> before = find(row.processor(), row.customerId());
        if (before.isPresent()) {
            return before.get();
        }
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO billing_closures (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, 0, ?, NULL, 0, ?, ?, ?)")
                    .setParameter(1, row.id()).setParameter(2, row.processor()).setParameter(3, row.customerId())
                    .setParameter(4, row.idempotencyKey()).setParameter(5, row.status().code())
                    .setParameter(6, row.nextAttemptAt().toEpochMilli()).setParameter(7, false)
                    .setParameter(8, row.createdAt().toEpochMilli()).setParameter(9, row.updatedAt().toEpochMilli())
                    .executeUpdate());
            return row;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) { // queued by another node between the look and the insert
                return find(row.processor(), row.customerId()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<BillingClosureRecord> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            // LIMIT written out: Hibernate would append its own after FOR UPDATE, which neither database parses
            List<Object> ids = em.createNativeQuery("SELECT id FROM billing_closures WHERE status = " + PENDING
                            + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT "
                            + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, at).getResultList();
            List<BillingClosureRecord> claimed = new ArrayList<>();
            for (Object id : ids) {
                claimed.addAll(take(em, id, node, at, leaseUntil));
            }
            return claimed;
        });
    }

    @Override
    public Optional<BillingClosureRecord> claim(String id, String node, Instant now, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> take(em, id, node, now.toEpochMilli(), leaseUntil).stream().findFirst());
    }

    /** The conditional UPDATE is the claim: of two nodes racing for a row, one changes it, the other nothing. */
    private static List<BillingClosureRecord> take(EntityManager em, Object id, String node, long at, Instant leaseUntil) {
        int won = em.createNativeQuery("UPDATE billing_closures SET claimed_by = ?, next_attempt_at = ?,"
                        + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = " + PENDING
                        + " AND next_attempt_at <= ?")
                .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, at)
                .setParameter(4, id).setParameter(5, at).executeUpdate();
        return won == 1 ? select(em, "id = ?", id) : List.of();
    }

    @Override
    public boolean markDone(String id, String node, int subscriptionsCanceled, boolean customerDeleted, Instant at) {
        return transition(id, node, "status = 'done', last_error = NULL, subscriptions_canceled ="
                + " subscriptions_canceled + ?, customer_deleted = ?", at, subscriptionsCanceled, customerDeleted);
    }

    @Override
    public boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return transition(id, node, "next_attempt_at = ?, last_error = ?", at, nextAttemptAt.toEpochMilli(), errorCode);
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
            Query q = em.createNativeQuery("UPDATE billing_closures SET " + set + ", claimed_by = NULL, updated_at = ?"
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
    public Optional<BillingClosureRecord> find(String processor, String customerId) {
        return Tx.inTransaction(emf, em -> rows(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM billing_closures WHERE processor = ? AND customer_id = ?")
                .setParameter(1, processor).setParameter(2, customerId).getResultList())).stream().findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Status, Long> countByStatus() {
        return Tx.inTransaction(emf, em -> {
            Map<Status, Long> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0L);
            }
            List<Object[]> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM billing_closures GROUP BY status")
                    .getResultList();
            rows.forEach(r -> counts.put(Status.of(string(r[0])), ((Number) r[1]).longValue()));
            return counts;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<BillingClosureRecord> select(EntityManager em, String where, Object arg) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM billing_closures WHERE " + where)
                .setParameter(1, arg).getResultList());
    }

    private static List<BillingClosureRecord> rows(List<Object[]> rows) {
        return rows.stream().map(r -> new BillingClosureRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                Status.of(string(r[4])), Rows.integer(r[5]), instant(r[6]), string(r[7]), Rows.integer(r[8]),
                bool(r[9]), instant(r[10]), instant(r[11]))).toList();
    }

    private static boolean bool(Object o) {
        return o instanceof Boolean b ? b : o instanceof Number n && n.intValue() != 0;
    }
}
