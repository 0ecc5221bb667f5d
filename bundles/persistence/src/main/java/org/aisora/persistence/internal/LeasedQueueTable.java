package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.Query;

/**
 * One durable work queue table in plain SQL, as the vendor deletion and billing closure queues have it: an
 * {@code id}, a {@code status} code ({@code 'pending'} while there is work), {@code attempts},
 * {@code next_attempt_at}, {@code last_error}, {@code claimed_by}, {@code created_at} and {@code updated_at}.
 * A claim selects due rows with {@code FOR UPDATE SKIP LOCKED} and marks them in the same transaction, so two
 * nodes claiming at once take different rows and neither waits on the other; the claim then lives on as a
 * lease (claimed_by, with next_attempt_at at the lease's end), not as a held lock, while the work runs. Every
 * later transition names its node, so a node whose lease was taken over changes nothing.
 *
 * @param <R> the queue's row record
 */
final class LeasedQueueTable<R> {
    private static final String PENDING = "'pending'";

    private final EntityManagerFactory emf;
    private final String table;
    private final String columns;
    private final Function<Object[], R> row;

    /**
     * @param columns the columns a row is read from (and inserted with), in the order {@code row} expects
     * @param row     one result row of {@code SELECT columns} to the record
     */
    LeasedQueueTable(EntityManagerFactory emf, String table, String columns, Function<Object[], R> row) {
        this.emf = emf;
        this.table = table;
        this.columns = columns;
        this.row = row;
    }

    /**
     * Inserts a row unless one is queued for the same key: {@code before} looks it up (the common repeat costs
     * no failed INSERT), and a unique key violation means another node queued it between the look and the
     * insert. @return the given row, or the one queued before (unchanged)
     */
    R enqueue(R fresh, Supplier<Optional<R>> before, String values, Object... params) {
        Optional<R> queued = before.get();
        if (queued.isPresent()) {
            return queued.get();
        }
        try {
            Tx.run(emf, em -> bind(em.createNativeQuery("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + values + ")"), 1, params).executeUpdate());
            return fresh;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return before.get().orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** Up to {@code limit} pending rows due at {@code now}, oldest due first, claimed by {@code node}. */
    @SuppressWarnings("unchecked")
    List<R> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            // LIMIT written out: Hibernate would append its own after FOR UPDATE, which neither database parses
            List<Object> ids = em.createNativeQuery("SELECT id FROM " + table + " WHERE status = " + PENDING
                            + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT "
                            + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, at).getResultList();
            List<R> claimed = new ArrayList<>();
            for (Object id : ids) {
                claimed.addAll(take(em, id, node, at, leaseUntil));
            }
            return claimed;
        });
    }

    /** One row by id if it is pending, due and not leased to anyone, claimed by {@code node}. */
    Optional<R> claim(String id, String node, Instant now, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> take(em, id, node, now.toEpochMilli(), leaseUntil).stream().findFirst());
    }

    /** The conditional UPDATE is the claim: of two nodes racing for a row, one changes it, the other nothing. */
    private List<R> take(EntityManager em, Object id, String node, long at, Instant leaseUntil) {
        int won = em.createNativeQuery("UPDATE " + table + " SET claimed_by = ?, next_attempt_at = ?,"
                        + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = " + PENDING
                        + " AND next_attempt_at <= ?")
                .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, at)
                .setParameter(4, id).setParameter(5, at).executeUpdate();
        return won == 1 ? select(em, "id = ?", id) : List.of();
    }

    /** Pending again, due at {@code nextAttemptAt}, with an error code; the attempt stays counted. */
    boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return transition(id, node, "next_attempt_at = ?, last_error = ?", at, nextAttemptAt.toEpochMilli(),
                errorCode);
    }

    /** Given up after its attempts: failed, with the error code. */
    boolean markFailed(String id, String node, String errorCode, Instant at) {
        return transition(id, node, "status = 'failed', last_error = ?", at, errorCode);
    }

    /** Pending again without counting the attempt (nothing was asked of the plugin). */
    boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at) {
        return transition(id, node, "next_attempt_at = ?, last_error = ?, attempts = attempts - 1", at,
                nextAttemptAt.toEpochMilli(), errorCode);
    }

    /**
     * Settles a row {@code node} holds: {@code set} (with its {@code ?} bound to {@code values}), the lease
     * released. @return false when {@code node} no longer holds the row, or it is no longer pending
     */
    boolean transition(String id, String node, String set, Instant at, Object... values) {
        return Tx.inTransaction(emf, em -> {
            Query q = bind(em.createNativeQuery("UPDATE " + table + " SET " + set + ", claimed_by = NULL,"
                    + " updated_at = ? WHERE id = ? AND status = " + PENDING + " AND claimed_by = ?"), 1, values);
            int i = values.length + 1;
            return q.setParameter(i++, at.toEpochMilli()).setParameter(i++, id).setParameter(i, node)
                    .executeUpdate() == 1;
        });
    }

    /** Rows per status, every status present (0 when none). */
    @SuppressWarnings("unchecked")
    <S extends Enum<S>> Map<S, Long> countByStatus(Class<S> type, Function<String, S> of) {
        return Tx.inTransaction(emf, em -> {
            Map<S, Long> counts = new EnumMap<>(type);
            for (S s : type.getEnumConstants()) {
                counts.put(s, 0L);
            }
            List<Object[]> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM " + table + " GROUP BY status")
                    .getResultList();
            rows.forEach(r -> counts.put(of.apply(string(r[0])), ((Number) r[1]).longValue()));
            return counts;
        });
    }

    /**
     * The rows matching {@code where} (which may end in ORDER BY), at most {@code limit} of them when it is
     * positive, each {@code ?} bound to {@code args} in order.
     */
    List<R> find(String where, int limit, Object... args) {
        return Tx.inTransaction(emf, em -> {
            Query q = bind(em.createNativeQuery("SELECT " + columns + " FROM " + table + " WHERE " + where), 1, args);
            return rows(limit > 0 ? q.setMaxResults(limit) : q);
        });
    }

    private List<R> select(EntityManager em, String where, Object arg) {
        return rows(em.createNativeQuery("SELECT " + columns + " FROM " + table + " WHERE " + where)
                .setParameter(1, arg));
    }

    @SuppressWarnings("unchecked")
    private List<R> rows(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().map(row).toList();
    }

    private static Query bind(Query q, int first, Object... values) {
        int i = first;
        for (Object v : values) {
            q.setParameter(i++, v);
        }
        return q;
    }
}
