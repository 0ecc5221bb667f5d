package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.ErasureMark;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = AccountStore.class)
public final class JpaAccountStore implements AccountStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaAccountStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                           @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public void insert(AccountRecord account) {
        AccountRecord lowerCased = new AccountRecord(account.id(), normalize(account.email()), account.name(),
                account.contact(), account.passwordHash(), account.birthYear(), account.role(), account.plan(),
                account.acceptedPolicyVersion(), account.createdAt(), account.emailVerified());
        try {
            Tx.run(emf, em -> em.persist(AccountEntity.of(lowerCased)));
        } catch (PersistenceException e) {
            // the unique index decides, so two racing registrations cannot both win
            if (SqlErrors.isConstraintViolation(e, "ux_accounts_email")) {
                throw AisoraException.conflict("email_taken", "an account with this e-mail address exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<AccountRecord> findById(String id) {
        return Tx.inTransaction(emf, em -> Optional.ofNullable(em.find(AccountEntity.class, id))
                .filter(a -> !a.erasing()).map(AccountEntity::toRecord));
    }

    @Override
    public Optional<AccountRecord> findByEmail(String email) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a where a.email = :email and a.erasureStartedAt is null", AccountEntity.class)
                .setParameter("email", normalize(email))
                .getResultList().stream().findFirst().map(AccountEntity::toRecord));
    }

    @Override
    public List<AccountRecord> list(int offset, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a where a.erasureStartedAt is null order by a.createdAt, a.id", AccountEntity.class)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(AccountEntity::toRecord).toList());
    }

    @Override
    public List<AccountRecord> listAfterId(String afterId, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a where a.id > :after and a.erasureStartedAt is null order by a.id", AccountEntity.class)
                .setParameter("after", afterId == null ? "" : afterId).setMaxResults(limit)
                .getResultList().stream().map(AccountEntity::toRecord).toList());
    }

    @Override
    public boolean updateRole(String id, String role) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("update Account a set a.role = :role where a.id = :id")
                .setParameter("role", role).setParameter("id", id)
                .executeUpdate() == 1);
    }

    @Override
    public Optional<ErasureMark> beginErasure(ErasureMark mark) {
        return Tx.inTransaction(emf, em -> {
            em.createNativeQuery("UPDATE accounts SET erasure_started_at = ?, erasure_pseudonym = ?, erasure_reason = ?,"
                            + " erasure_receipt_id = ?, erasure_progress = ? WHERE id = ? AND erasure_started_at IS NULL")
                    .setParameter(1, mark.startedAt().toEpochMilli()).setParameter(2, mark.pseudonym())
                    .setParameter(3, mark.reason()).setParameter(4, mark.receiptId()).setParameter(5, mark.progress())
                    .setParameter(6, mark.accountId()).executeUpdate();
            return marks(em, "id = ?", mark.accountId()).stream().findFirst();
        });
    }

    @Override
    public Optional<ErasureMark> erasureMarkByEmail(String email) {
        return Tx.inTransaction(emf, em -> marks(em, "email = ?", normalize(email)).stream().findFirst());
    }

    @Override
    public Optional<ErasureMark> erasureMark(String accountId) {
        return Tx.inTransaction(emf, em -> marks(em, "id = ?", accountId).stream().findFirst());
    }

    @SuppressWarnings("unchecked")
    private static List<ErasureMark> marks(EntityManager em, String where, String value) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, erasure_pseudonym, erasure_reason, erasure_receipt_id,"
                        + " erasure_started_at, erasure_progress FROM accounts WHERE erasure_started_at IS NOT NULL AND "
                        + where).setParameter(1, value).getResultList();
        return rows.stream().map(r -> new ErasureMark((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                Instant.ofEpochMilli(((Number) r[4]).longValue()), (String) r[5])).toList();
    }

    @Override
    public void saveErasureProgress(String accountId, String progress) {
        Tx.run(emf, em -> em.createNativeQuery("UPDATE accounts SET erasure_progress = ? WHERE id = ?")
                .setParameter(1, progress).setParameter(2, accountId).executeUpdate());
    }

    /** A password-reset code awaiting use goes with the account (it holds nothing but the id and a hash). */
    @Override
    public boolean delete(String accountId) {
        return Tx.inTransaction(emf, em -> {
            em.createNativeQuery("DELETE FROM password_resets WHERE account_id = ?").setParameter(1, accountId)
                    .executeUpdate();
            // a sign-up code still waiting goes with its account
            em.createNativeQuery("DELETE FROM account_email_verifications WHERE account_id = ?")
                    .setParameter(1, accountId).executeUpdate();
            return em.createNativeQuery("DELETE FROM accounts WHERE id = ?")
                    .setParameter(1, accountId).executeUpdate() == 1;
        });
    }

    @Override
    public Optional<AccountRecord> findAnyById(String accountId) {
        return Tx.inTransaction(emf, em -> Optional.ofNullable(em.find(AccountEntity.class, accountId))
                .map(AccountEntity::toRecord));
    }

    private static String normalize(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
