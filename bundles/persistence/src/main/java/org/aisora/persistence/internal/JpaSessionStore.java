package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.SessionRecord;
import org.aisora.api.store.SessionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = SessionStore.class)
public final class JpaSessionStore implements SessionStore {
    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaSessionStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                           @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public void insert(SessionRecord session) {
        Tx.run(emf, em -> em.persist(SessionEntity.of(session)));
    }

    @Override
    public Optional<SessionRecord> findByTokenHash(String tokenHash) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select s from Session s where s.tokenHash = :hash", SessionEntity.class)
                .setParameter("hash", tokenHash)
                .getResultList().stream().findFirst().map(SessionEntity::toRecord));
    }

    @Override
    public boolean delete(String id) {
        return Tx.inTransaction(emf, em -> em.createQuery("delete from Session s where s.id = :id")
                .setParameter("id", id).executeUpdate() == 1);
    }

    @Override
    public boolean delete(String accountId, String id) {
        return Tx.inTransaction(emf, em -> em.createQuery("delete from Session s where s.id = :id and s.accountId = :a")
                .setParameter("id", id).setParameter("a", accountId).executeUpdate() == 1);
    }

    /** One UPDATE; the condition keeps a slower node from moving the time back. */
    @Override
    public boolean touch(String id, Instant usedAt) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE sessions SET last_used_at = ? WHERE id = ?"
                        + " AND (last_used_at IS NULL OR last_used_at < ?)")
                .setParameter(1, usedAt.toEpochMilli()).setParameter(2, id).setParameter(3, usedAt.toEpochMilli())
                .executeUpdate() == 1);
    }

    @Override
    public List<SessionRecord> listByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select s from Session s where s.accountId = :a order by s.createdAt, s.id",
                        SessionEntity.class)
                .setParameter("a", accountId).getResultList().stream().map(SessionEntity::toRecord).toList());
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createQuery("delete from Session s where s.accountId = :a")
                .setParameter("a", accountId).executeUpdate());
    }
}
