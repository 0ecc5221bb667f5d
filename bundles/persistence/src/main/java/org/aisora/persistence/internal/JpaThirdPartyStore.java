package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.SqlRows.instant;
import static org.aisora.persistence.internal.SqlRows.string;

import java.util.Arrays;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.Query;
import org.aisora.api.store.ThirdPartyRecord;
import org.aisora.api.store.ThirdPartyStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The third-party record through plain SQL (see V13__account_third_parties.sql). A record first locks the
 * account row: racing first records queue behind each other instead of deadlocking on MariaDB's gap locks, an
 * account being erased (its mark set under the same lock) gets no new row, and a deleted one gets none either.
 */
@Component(service = ThirdPartyStore.class)
public final class JpaThirdPartyStore implements ThirdPartyStore {
    private static final String KEY = "account_id = ? AND family = ? AND plugin_id = ? AND vendor = ? AND purpose = ?";
    private static final String SEPARATOR = "\n";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaThirdPartyStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                              @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean record(ThirdPartyRecord r) {
        try {
            return upsert(r);
        } catch (PersistenceException e) {
            // only without the account lock (a database that ignores FOR UPDATE) can two first inserts meet
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            return upsert(r);
        }
    }

    private boolean upsert(ThirdPartyRecord r) {
        String categories = String.join(SEPARATOR, r.dataCategories());
        long at = r.lastAt().toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            if (em.createNativeQuery("SELECT id FROM accounts WHERE id = ? AND erasure_started_at IS NULL FOR UPDATE")
                    .setParameter(1, r.accountId()).getResultList().isEmpty()) {
                return false;
            }
            // GREATEST and LEAST are portable to H2 and MariaDB: a late record never moves a time the wrong way
            int updated = bind(em.createNativeQuery("UPDATE account_third_parties SET data_categories = ?,"
                    + " stated_retention = ?, first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?) WHERE "
                    + KEY), categories, r.statedRetention(), at, at, r.accountId(), r.family(), r.pluginId(),
                    r.vendor(), r.purpose()).executeUpdate();
            if (updated == 0) {
                bind(em.createNativeQuery("INSERT INTO account_third_parties (account_id, family, plugin_id, vendor,"
                        + " purpose, data_categories, stated_retention, first_at, last_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), r.accountId(), r.family(), r.pluginId(), r.vendor(),
                        r.purpose(), categories, r.statedRetention(), r.firstAt().toEpochMilli(), at).executeUpdate();
            }
            return true;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ThirdPartyRecord> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) bind(em.createNativeQuery("SELECT family, plugin_id,"
                + " vendor, purpose, data_categories, stated_retention, first_at, last_at FROM account_third_parties"
                + " WHERE account_id = ? ORDER BY last_at DESC, family, plugin_id, vendor, purpose"), accountId)
                .getResultList()).stream().map(c -> new ThirdPartyRecord(accountId, string(c[0]), string(c[1]),
                        string(c[2]), string(c[3]), categories(string(c[4])), string(c[5]), instant(c[6]),
                        instant(c[7]))).toList());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ThirdPartyRecord> generationVendors(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) bind(em.createNativeQuery("SELECT a.provider_id,"
                + " a.vendor, a.vendor_retention, MIN(a.started_at), MAX(a.started_at) FROM job_attempts a"
                + " JOIN jobs j ON j.id = a.job_id WHERE j.owner_id = ? AND a.vendor IS NOT NULL"
                + " GROUP BY a.provider_id, a.vendor, a.vendor_retention ORDER BY MAX(a.started_at) DESC, a.provider_id"),
                accountId).getResultList()).stream().map(c -> new ThirdPartyRecord(accountId, "provider",
                        string(c[0]), string(c[1]), "", List.of(), string(c[2]), instant(c[3]), instant(c[4])))
                .toList());
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM account_third_parties WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }

    private static List<String> categories(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(SEPARATOR));
    }

    private static Query bind(Query q, Object... args) {
        for (int i = 0; i < args.length; i++) {
            q.setParameter(i + 1, args[i]);
        }
        return q;
    }
}
