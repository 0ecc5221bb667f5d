package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.instant;
import static org.aisora.persistence.internal.Rows.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.OutboxMessage;
import org.aisora.api.store.OutboxStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The mail outbox in plain SQL (see V8__outbox_policies.sql). A claim is a conditional UPDATE per
 * candidate row: only the node whose UPDATE matched owns the row, on H2 and MariaDB alike, without
 * SKIP LOCKED; every later transition names its owner, so a node that lost its lease changes nothing.
 */
@Component(service = OutboxStore.class)
public final class JpaOutboxStore implements OutboxStore {
    private static final String COLUMNS = "id, dedupe_key, account_id, recipient, subject, body, status, attempts,"
            + " next_attempt_at, last_error, created_at, sent_at, claimed_by, claim_until";
    private static final String DUE = "(status = 'queued' AND next_attempt_at <= ?)"
            + " OR (status = 'sending' AND claim_until < ?)";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaOutboxStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                          @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean enqueue(OutboxMessage m) {
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO mail_outbox (id, dedupe_key, account_id, recipient,"
                            + " subject, body, status, attempts, next_attempt_at, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)")
                    .setParameter(1, m.id()).setParameter(2, m.dedupeKey()).setParameter(3, m.accountId())
                    .setParameter(4, m.recipient()).setParameter(5, m.subject()).setParameter(6, m.body())
                    .setParameter(7, m.nextAttemptAt().toEpochMilli()).setParameter(8, m.createdAt().toEpochMilli())
                    .executeUpdate());
            return true;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return false; // queued before under the same dedupe key
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        List<Object> candidates = Tx.inTransaction(emf, em -> em.createNativeQuery("SELECT id FROM mail_outbox WHERE "
                        + DUE + " ORDER BY next_attempt_at, created_at, id")
                .setParameter(1, at).setParameter(2, at).setMaxResults(limit).getResultList());
        if (candidates.isEmpty()) {
            return List.of();
        }
        return Tx.inTransaction(emf, em -> {
            List<OutboxMessage> claimed = new ArrayList<>();
            for (Object id : candidates) {
                int won = em.createNativeQuery("UPDATE mail_outbox SET status = 'sending', claimed_by = ?,"
                                + " claim_until = ?, attempts = attempts + 1 WHERE id = ? AND (" + DUE + ")")
                        .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, id)
                        .setParameter(4, at).setParameter(5, at).executeUpdate();
                if (won == 1) {
                    claimed.addAll(select(em, "id = ?", id));
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean markSent(String id, String node, Instant at) {
        // the body goes once it is sent: it may hold a one-time code, and a sent message is only a log line
        return transition(id, node, "status = 'sent', sent_at = ?, body = '', last_error = NULL, claimed_by = NULL,"
                + " claim_until = NULL", at.toEpochMilli());
    }

    @Override
    public boolean retryLater(String id, String node, Instant nextAttemptAt, String error) {
        return transition(id, node, "status = 'queued', next_attempt_at = ?, last_error = ?, claimed_by = NULL,"
                + " claim_until = NULL", nextAttemptAt.toEpochMilli(), error);
    }

    @Override
    public boolean markFailed(String id, String node, String error) {
        return transition(id, node, "status = 'failed', last_error = ?, claimed_by = NULL, claim_until = NULL",
                error);
    }

    @Override
    public boolean release(String id, String node) {
        return transition(id, node, "status = 'queued', attempts = attempts - 1, claimed_by = NULL,"
                + " claim_until = NULL");
    }

    private boolean transition(String id, String node, String set, Object... values) {
        return Tx.inTransaction(emf, em -> {
            javax.persistence.Query q = em.createNativeQuery("UPDATE mail_outbox SET " + set
                    + " WHERE id = ? AND status = 'sending' AND claimed_by = ?");
            int i = 1;
            for (Object v : values) {
                q.setParameter(i++, v);
            }
            return q.setParameter(i++, id).setParameter(i, node).executeUpdate() == 1;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Long> countByStatus() {
        return Tx.inTransaction(emf, em -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String status : List.of(OutboxMessage.QUEUED, OutboxMessage.SENDING, OutboxMessage.SENT,
                    OutboxMessage.FAILED)) {
                counts.put(status, 0L);
            }
            List<Object[]> rows = em.createNativeQuery("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status")
                    .getResultList();
            rows.forEach(r -> counts.put(string(r[0]), ((Number) r[1]).longValue()));
            return counts;
        });
    }

    @Override
    public List<OutboxMessage> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> select(em, "account_id = ? ORDER BY created_at, id", accountId));
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM mail_outbox WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private static List<OutboxMessage> select(EntityManager em, String where, Object arg) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM mail_outbox WHERE " + where)
                .setParameter(1, arg).getResultList();
        return rows.stream().map(r -> new OutboxMessage(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                string(r[4]), string(r[5]), string(r[6]), Rows.integer(r[7]), instant(r[8]), string(r[9]),
                instant(r[10]), instant(r[11]), string(r[12]), instant(r[13]))).toList();
    }
}
