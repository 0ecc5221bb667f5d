package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.SqlRows.instant;
import static org.aisora.persistence.internal.SqlRows.string;

import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.ApiTokenRecord;
import org.aisora.api.store.ApiTokenStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Named API tokens through plain SQL (see V6__security.sql): the secret's hash only. */
@Component(service = ApiTokenStore.class)
public final class JpaApiTokenStore implements ApiTokenStore {
    private static final String COLUMNS =
            "SELECT id, account_id, name, token_hash, created_at, expires_at, scopes FROM api_tokens ";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaApiTokenStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                            @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    /** A legacy token (no scopes) leaves the column NULL: a NULL parameter is not bound, it is left out. */
    @Override
    public void insert(ApiTokenRecord t) {
        boolean scoped = t.scopes() != null;
        Tx.run(emf, em -> {
            javax.persistence.Query q = em.createNativeQuery("INSERT INTO api_tokens (id, account_id, name,"
                    + " token_hash, created_at, expires_at" + (scoped ? ", scopes) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    : ") VALUES (?, ?, ?, ?, ?, ?)"))
                    .setParameter(1, t.id()).setParameter(2, t.accountId())
                    .setParameter(3, t.name()).setParameter(4, t.tokenHash())
                    .setParameter(5, t.createdAt().toEpochMilli()).setParameter(6, t.expiresAt().toEpochMilli());
            if (scoped) {
                q.setParameter(7, t.scopes());
            }
            q.executeUpdate();
        });
    }

    @Override
    public Optional<ApiTokenRecord> findByTokenHash(String tokenHash) {
        return Tx.inTransaction(emf, em -> rows(em, "WHERE token_hash = ?", tokenHash).stream().findFirst());
    }

    @Override
    public List<ApiTokenRecord> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> rows(em, "WHERE account_id = ? ORDER BY created_at DESC, id", accountId));
    }

    @Override
    public long countByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM api_tokens WHERE account_id = ?").setParameter(1, accountId)
                .getSingleResult()).longValue());
    }

    @Override
    public boolean delete(String accountId, String tokenId) {
        return Tx.inTransaction(emf, em -> em
                .createNativeQuery("DELETE FROM api_tokens WHERE id = ? AND account_id = ?").setParameter(1, tokenId).setParameter(2, accountId).executeUpdate() == 1);
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM api_tokens WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private static List<ApiTokenRecord> rows(EntityManager em, String where, String value) {
        List<Object[]> rows = em.createNativeQuery(COLUMNS + where).setParameter(1, value).getResultList();
        return rows.stream().map(r -> new ApiTokenRecord(string(r[0]), string(r[1]), string(r[2]), string(r[3]),
                instant(r[4]), instant(r[5]), string(r[6]))).toList();
    }
}
