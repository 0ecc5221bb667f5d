package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.PasswordResetRecord;
import org.aisora.api.store.PasswordStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Password hashes and reset codes through plain SQL (see V22__password_resets.sql). Using a code deletes its
 * row and sets the hash in one transaction: the delete is the claim, so a code works once.
 */
@Component(service = PasswordStore.class)
public final class JpaPasswordStore implements PasswordStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaPasswordStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                            @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean updatePasswordHash(String accountId, String passwordHash) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE accounts SET password_hash = ? WHERE id = ?")
                .setParameter(1, passwordHash).setParameter(2, accountId).executeUpdate() == 1);
    }

    @Override
    public void saveResetCode(PasswordResetRecord code) {
        try {
            replace(code);
        } catch (PersistenceException e) {
            // two requests raced for a first row: the later one replaces the winner's
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            replace(code);
        }
    }

    private void replace(PasswordResetRecord c) {
        Tx.run(emf, em -> {
            em.createNativeQuery("DELETE FROM password_resets WHERE account_id = ?").setParameter(1, c.accountId())
                    .executeUpdate();
            em.createNativeQuery("INSERT INTO password_resets (account_id, code_hash, created_at, expires_at, attempts)"
                            + " VALUES (?, ?, ?, ?, ?)").setParameter(1, c.accountId()).setParameter(2, c.codeHash())
                    .setParameter(3, c.createdAt().toEpochMilli()).setParameter(4, c.expiresAt().toEpochMilli())
                    .setParameter(5, c.attempts()).executeUpdate();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<PasswordResetRecord> resetCode(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) em.createNativeQuery("SELECT code_hash, created_at,"
                        + " expires_at, attempts FROM password_resets WHERE account_id = ?")
                .setParameter(1, accountId).getResultList()).stream().findFirst()
                .map(r -> new PasswordResetRecord(accountId, (String) r[0], instant(r[1]), instant(r[2]),
                        ((Number) r[3]).intValue())));
    }

    @Override
    public boolean countResetAttempt(String accountId, int maxAttempts) {
        // one conditional update: parallel attempts cannot all pass the limit
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE password_resets SET attempts = attempts + 1"
                        + " WHERE account_id = ? AND attempts < ?").setParameter(1, accountId).setParameter(2, maxAttempts)
                .executeUpdate() == 1);
    }

    @Override
    public boolean resetPassword(String accountId, String codeHash, String passwordHash) {
        return Tx.inTransaction(emf, em -> {
            int claimed = em.createNativeQuery("DELETE FROM password_resets WHERE account_id = ? AND code_hash = ?")
                    .setParameter(1, accountId).setParameter(2, codeHash).executeUpdate();
            if (claimed != 1) {
                return false;
            }
            return em.createNativeQuery("UPDATE accounts SET password_hash = ? WHERE id = ?")
                    .setParameter(1, passwordHash).setParameter(2, accountId).executeUpdate() == 1;
        });
    }

    @Override
    public boolean discardResetCode(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM password_resets WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate() > 0);
    }

    private static Instant instant(Object column) {
        return Instant.ofEpochMilli(((Number) column).longValue());
    }
}
