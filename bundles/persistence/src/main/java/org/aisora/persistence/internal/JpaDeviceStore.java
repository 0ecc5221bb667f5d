package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.SqlRows.instant;
import static org.aisora.persistence.internal.SqlRows.string;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.DeviceRecord;
import org.aisora.api.store.DeviceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Device records through plain SQL (see V6__security.sql). The upsert is an UPDATE, then an INSERT when
 * no row matched; two nodes inserting the same device at once meet on the unique key, and the loser
 * updates the winner's row instead.
 */
@Component(service = DeviceStore.class)
public final class JpaDeviceStore implements DeviceStore {
    private static final String COLUMNS = "SELECT id, account_id, ip, browser, os, first_seen, last_seen, expires_at"
            + " FROM devices ";
    private static final String KEY = "account_id = ? AND ip = ? AND browser = ? AND os = ?";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaDeviceStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                          @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public DeviceRecord upsert(String accountId, String ip, String browser, String os, Instant seenAt,
                               Instant expiresAt) {
        if (touch(accountId, ip, browser, os, seenAt, expiresAt) == 0) {
            try {
                Tx.run(emf, em -> em.createNativeQuery("INSERT INTO devices (id, account_id, ip, browser, os,"
                                + " first_seen, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .setParameter(1, UUID.randomUUID().toString()).setParameter(2, accountId).setParameter(3, ip)
                        .setParameter(4, browser).setParameter(5, os).setParameter(6, seenAt.toEpochMilli())
                        .setParameter(7, seenAt.toEpochMilli()).setParameter(8, expiresAt.toEpochMilli())
                        .executeUpdate());
            } catch (PersistenceException e) {
                if (!SqlErrors.isConstraintViolation(e)) {
                    throw e;
                }
                touch(accountId, ip, browser, os, seenAt, expiresAt);
            }
        }
        return Tx.inTransaction(emf, em -> rows(em, "WHERE " + KEY, accountId, ip, browser, os).get(0));
    }

    private int touch(String accountId, String ip, String browser, String os, Instant seenAt, Instant expiresAt) {
        // GREATEST is portable to H2 and MariaDB: a late or repeated touch never moves a time back
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE devices SET last_seen = GREATEST(last_seen, ?),"
                        + " expires_at = GREATEST(expires_at, ?) WHERE " + KEY)
                .setParameter(1, seenAt.toEpochMilli()).setParameter(2, expiresAt.toEpochMilli())
                .setParameter(3, accountId).setParameter(4, ip).setParameter(5, browser).setParameter(6, os)
                .executeUpdate());
    }

    @Override
    public List<DeviceRecord> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> rows(em, "WHERE account_id = ? ORDER BY last_seen DESC, id", accountId));
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM devices WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }

    @Override
    public int deleteExpired(Instant now) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM devices WHERE expires_at <= ?")
                .setParameter(1, now.toEpochMilli()).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private static List<DeviceRecord> rows(EntityManager em, String where, Object... args) {
        javax.persistence.Query q = em.createNativeQuery(COLUMNS + where);
        for (int i = 0; i < args.length; i++) {
            q.setParameter(i + 1, args[i]);
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new DeviceRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                string(r[4]), instant(r[5]), instant(r[6]), instant(r[7]))).toList();
    }
}
