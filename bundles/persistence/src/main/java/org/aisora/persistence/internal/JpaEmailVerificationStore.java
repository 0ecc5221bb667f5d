package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.EmailVerificationRecord;
import org.aisora.api.store.EmailVerificationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sign-up verification codes through plain SQL (see V21__email_verification.sql). An attempt is taken by a
 * conditional update, so concurrent guesses share the limit; the verified flag is set by a conditional update too,
 * so of two concurrent verifications only one reports the change.
 */
@Component(service = EmailVerificationStore.class)
public final class JpaEmailVerificationStore implements EmailVerificationStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaEmailVerificationStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                     @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public void saveCode(EmailVerificationRecord code) {
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

    private void replace(EmailVerificationRecord c) {
        Tx.run(emf, em -> {
            em.createNativeQuery("DELETE FROM account_email_verifications WHERE account_id = ?")
                    .setParameter(1, c.accountId()).executeUpdate();
            em.createNativeQuery("INSERT INTO account_email_verifications (account_id, code_hash, sent_at, expires_at,"
                            + " attempts) VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, c.accountId()).setParameter(2, c.codeHash())
                    .setParameter(3, c.sentAt().toEpochMilli()).setParameter(4, c.expiresAt().toEpochMilli())
                    .setParameter(5, c.attempts()).executeUpdate();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<EmailVerificationRecord> code(String accountId) {
        return Tx.inTransaction(emf, em -> ((List<Object[]>) em.createNativeQuery("SELECT code_hash, sent_at,"
                        + " expires_at, attempts FROM account_email_verifications WHERE account_id = ?")
                .setParameter(1, accountId).getResultList()).stream().findFirst()
                .map(r -> new EmailVerificationRecord(accountId, (String) r[0], instant(r[1]), instant(r[2]),
                        ((Number) r[3]).intValue())));
    }

    @Override
    public boolean takeAttempt(String accountId, int maxAttempts) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE account_email_verifications"
                        + " SET attempts = attempts + 1 WHERE account_id = ? AND attempts < ?")
                .setParameter(1, accountId).setParameter(2, maxAttempts).executeUpdate() == 1);
    }

    @Override
    public boolean markVerified(String accountId) {
        return Tx.inTransaction(emf, em -> {
            int changed = em.createNativeQuery("UPDATE accounts SET email_verified = TRUE WHERE id = ?"
                            + " AND email_verified = FALSE AND erasure_started_at IS NULL")
                    .setParameter(1, accountId).executeUpdate();
            em.createNativeQuery("DELETE FROM account_email_verifications WHERE account_id = ?")
                    .setParameter(1, accountId).executeUpdate();
            return changed == 1;
        });
    }

    private static Instant instant(Object column) {
        return Instant.ofEpochMilli(((Number) column).longValue());
    }
}
