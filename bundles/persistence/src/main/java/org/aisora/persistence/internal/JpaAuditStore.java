package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.SqlRows.instant;
import static org.aisora.persistence.internal.SqlRows.string;

import java.time.Instant;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Query;
import org.aisora.api.store.AuditRecord;
import org.aisora.api.store.AuditStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log through plain SQL (see V6__security.sql). */
@Component(service = AuditStore.class)
public final class JpaAuditStore implements AuditStore {
    private static final String COLUMNS = "SELECT id, actor_id, action, subject, ip, user_agent, detail, created_at,"
            + " expires_at FROM audit_log ";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaAuditStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                         @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public void insert(AuditRecord a) {
        Tx.run(emf, em -> em.createNativeQuery("INSERT INTO audit_log (id, actor_id, action, subject, ip, user_agent,"
                        + " detail, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, a.id()).setParameter(2, a.actorId()).setParameter(3, a.action())
                .setParameter(4, a.subject()).setParameter(5, a.ip()).setParameter(6, a.userAgent())
                .setParameter(7, a.detail()).setParameter(8, a.createdAt().toEpochMilli())
                .setParameter(9, a.expiresAt().toEpochMilli()).executeUpdate());
    }

    @Override
    public List<AuditRecord> recent(int offset, int limit) {
        return Tx.inTransaction(emf, em -> rows(em.createNativeQuery(COLUMNS + "ORDER BY created_at DESC, id DESC")
                .setFirstResult(Math.max(0, offset)).setMaxResults(Math.max(1, limit))));
    }

    @Override
    public List<AuditRecord> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> rows(em.createNativeQuery(COLUMNS
                        + "WHERE actor_id = ? OR subject = ? ORDER BY created_at, id")
                .setParameter(1, accountId).setParameter(2, accountId)));
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em
                .createNativeQuery("DELETE FROM audit_log WHERE actor_id = ? OR subject = ?").setParameter(1, accountId).setParameter(2, accountId).executeUpdate());
    }

    @Override
    public int deleteExpired(Instant now) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM audit_log WHERE expires_at <= ?")
                .setParameter(1, now.toEpochMilli()).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private static List<AuditRecord> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new AuditRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                string(r[4]), string(r[5]), string(r[6]), instant(r[7]), instant(r[8]))).toList();
    }
}
