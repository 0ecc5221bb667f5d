package org.aisora.persistence.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
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
                account.contact(), account.passwordHash(), account.birthDate(), account.role(), account.plan(),
                account.acceptedPolicyVersion(), account.createdAt());
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
                .map(AccountEntity::toRecord));
    }

    @Override
    public Optional<AccountRecord> findByEmail(String email) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a where a.email = :email", AccountEntity.class)
                .setParameter("email", normalize(email))
                .getResultList().stream().findFirst().map(AccountEntity::toRecord));
    }

    @Override
    public List<AccountRecord> list(int offset, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a order by a.createdAt, a.id", AccountEntity.class)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(AccountEntity::toRecord).toList());
    }

    @Override
    public List<AccountRecord> listAfterId(String afterId, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from Account a where a.id > :after order by a.id", AccountEntity.class)
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

    private static String normalize(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
