package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.PendingEmailRecord;
import org.aisora.api.store.ProfileStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Profile corrections and pending e-mail changes through plain SQL (see V7__account_rights.sql). The switch
 * to a verified address deletes the pending row and updates the account in one transaction, so a code works
 * once, and the unique e-mail index decides against an address taken meanwhile (rolling both back).
 */
@Component(service = ProfileStore.class)
public final class JpaProfileStore implements ProfileStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaProfileStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                           @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean updateDetails(String accountId, String name, String contact) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE accounts SET name = ?, contact = ?"
                + " WHERE id = ?").setParameter(1, name).setParameter(2, contact).setParameter(3, accountId)
                .executeUpdate() == 1);
    }

    @Override
    public void savePendingEmail(PendingEmailRecord p) {
        try {
            replace(p);
        } catch (PersistenceException e) {
            // two changes raced for a first pending row: the later one replaces the winner's
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            replace(p);
        }
    }

    private void replace(PendingEmailRecord p) {
        Tx.run(emf, em -> {
            em.createNativeQuery("DELETE FROM account_email_changes WHERE account_id = ?")
                    .setParameter(1, p.accountId()).executeUpdate();
            em.createNativeQuery("INSERT INTO account_email_changes (account_id, new_email, code_hash, created_at,"
                            + " expires_at) VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, p.accountId()).setParameter(2, p.newEmail().toLowerCase(Locale.ROOT))
                    .setParameter(3, p.codeHash()).setParameter(4, p.createdAt().toEpochMilli())
                    .setParameter(5, p.expiresAt().toEpochMilli()).executeUpdate();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<PendingEmailRecord> pendingEmail(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) em.createNativeQuery("SELECT new_email, code_hash,"
                        + " created_at, expires_at FROM account_email_changes WHERE account_id = ?")
                .setParameter(1, accountId).getResultList()).stream().findFirst()
                .map(r -> new PendingEmailRecord(accountId, (String) r[0], (String) r[1], instant(r[2]),
                        instant(r[3]))));
    }

    @Override
    public boolean discardPendingEmail(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM account_email_changes"
                + " WHERE account_id = ?").setParameter(1, accountId).executeUpdate() > 0);
    }

    @Override
    public Optional<String> confirmPendingEmail(String accountId, String codeHash) {
        try {
            return Tx.inTransaction(emf, em -> confirm(em, accountId, codeHash));
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e, "ux_accounts_email")) {
                throw AisoraException.conflict("email_taken", "an account with this e-mail address exists");
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> confirm(EntityManager em, String accountId, String codeHash) {
        List<Object> emails = em.createNativeQuery("SELECT new_email FROM account_email_changes"
                + " WHERE account_id = ? AND code_hash = ?").setParameter(1, accountId).setParameter(2, codeHash)
                .getResultList();
        if (emails.isEmpty()) {
            return Optional.empty();
        }
        // the delete is the claim: of two concurrent confirmations only one deletes the row
        int claimed = em.createNativeQuery("DELETE FROM account_email_changes WHERE account_id = ? AND code_hash = ?")
                .setParameter(1, accountId).setParameter(2, codeHash).executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        String email = (String) emails.get(0);
        int updated = em.createNativeQuery("UPDATE accounts SET email = ? WHERE id = ?").setParameter(1, email)
                .setParameter(2, accountId).executeUpdate();
        em.flush();
        return updated == 1 ? Optional.of(email) : Optional.empty();
    }

    @Override
    public AccountActivity activity(String accountId) {
        return Tx.inTransaction(emf, em -> new AccountActivity(
                count(em, "SELECT COUNT(*) FROM jobs WHERE owner_id = ?", accountId),
                count(em, "SELECT COUNT(*) FROM media WHERE owner_id = ? AND parent_id IS NULL", accountId)));
    }

    private static long count(EntityManager em, String sql, String accountId) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, accountId).getSingleResult()).longValue();
    }

    private static Instant instant(Object column) {
        return Instant.ofEpochMilli(((Number) column).longValue());
    }
}
