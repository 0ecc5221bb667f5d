package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.PreferencesRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Preferences through plain SQL on the JPA connection (see V7__account_rights.sql); booleans are INT 0/1. */
@Component(service = PreferenceStore.class)
public final class JpaPreferenceStore implements PreferenceStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaPreferenceStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                              @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<PreferencesRecord> find(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) em.createNativeQuery("SELECT analytics_opt_out,"
                        + " processing_restricted, marketing_emails, updated_at FROM account_preferences"
                        + " WHERE account_id = ?").setParameter(1, accountId).getResultList()).stream().findFirst()
                .map(r -> new PreferencesRecord(accountId, flag(r[0]), flag(r[1]), flag(r[2]),
                        Instant.ofEpochMilli(((Number) r[3]).longValue()))));
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM account_preferences WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }

    @Override
    public void save(PreferencesRecord p) {
        try {
            upsert(p);
        } catch (PersistenceException e) {
            // a concurrent first save inserted the row between our update and insert: now the update applies
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            upsert(p);
        }
    }

    private void upsert(PreferencesRecord p) {
        Tx.run(emf, em -> {
            // On MariaDB an UPDATE of a missing row takes a gap lock, and racing first saves then deadlock on
            // their INSERTs; locking the account row first queues them behind each other instead.
            em.createNativeQuery("SELECT id FROM accounts WHERE id = ? FOR UPDATE").setParameter(1, p.accountId())
                    .getResultList();
            int updated = em.createNativeQuery("UPDATE account_preferences SET analytics_opt_out = ?,"
                            + " processing_restricted = ?, marketing_emails = ?, updated_at = ? WHERE account_id = ?")
                    .setParameter(1, bit(p.analyticsOptOut())).setParameter(2, bit(p.processingRestricted()))
                    .setParameter(3, bit(p.marketingEmails())).setParameter(4, p.updatedAt().toEpochMilli())
                    .setParameter(5, p.accountId()).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO account_preferences (account_id, analytics_opt_out,"
                                + " processing_restricted, marketing_emails, updated_at) VALUES (?, ?, ?, ?, ?)")
                        .setParameter(1, p.accountId()).setParameter(2, bit(p.analyticsOptOut()))
                        .setParameter(3, bit(p.processingRestricted())).setParameter(4, bit(p.marketingEmails()))
                        .setParameter(5, p.updatedAt().toEpochMilli()).executeUpdate();
            }
        });
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    private static boolean flag(Object column) {
        return ((Number) column).intValue() != 0;
    }
}
