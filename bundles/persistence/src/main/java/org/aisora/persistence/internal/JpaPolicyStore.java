package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Rows.instant;
import static org.aisora.persistence.internal.Rows.string;

import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.PolicyAcceptanceRecord;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.PolicyVersionRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Policy versions and acceptances in plain SQL (see V8__outbox_policies.sql). A version's text is kept
 * in 4000-character chunks, written in the transaction that inserts the version row, so a duplicate
 * version fails on the primary key before any chunk exists.
 */
@Component(service = PolicyStore.class)
public final class JpaPolicyStore implements PolicyStore {
    static final int CHUNK = 4000;

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaPolicyStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                          @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public boolean publish(PolicyVersionRecord v) {
        List<String> chunks = chunks(v.text());
        try {
            Tx.run(emf, em -> {
                em.createNativeQuery("INSERT INTO policy_versions (version, published_at, sha256, summary, chunks)"
                                + " VALUES (?, ?, ?, ?, ?)").setParameter(1, v.version())
                        .setParameter(2, v.publishedAt().toEpochMilli()).setParameter(3, v.sha256())
                        .setParameter(4, v.summary() == null ? "" : v.summary()).setParameter(5, chunks.size())
                        .executeUpdate();
                em.flush();
                for (int i = 0; i < chunks.size(); i++) {
                    em.createNativeQuery("INSERT INTO policy_texts (version, seq, chunk) VALUES (?, ?, ?)")
                            .setParameter(1, v.version()).setParameter(2, i).setParameter(3, chunks.get(i))
                            .executeUpdate();
                }
            });
            return true;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Splits between characters, never inside a surrogate pair. */
    static List<String> chunks(String text) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    @Override
    public Optional<PolicyVersionRecord> latest() {
        return Tx.inTransaction(emf, em -> version(em, "ORDER BY published_at DESC, version DESC", null));
    }

    @Override
    public Optional<PolicyVersionRecord> find(String version) {
        return Tx.inTransaction(emf, em -> version(em, "WHERE version = ?", version));
    }

    @SuppressWarnings("unchecked")
    private static Optional<PolicyVersionRecord> version(EntityManager em, String clause, String arg) {
        javax.persistence.Query q = em.createNativeQuery("SELECT version, published_at, sha256, summary"
                + " FROM policy_versions " + clause);
        if (arg != null) {
            q.setParameter(1, arg);
        }
        List<Object[]> rows = q.setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        List<Object> chunks = em.createNativeQuery("SELECT chunk FROM policy_texts WHERE version = ? ORDER BY seq")
                .setParameter(1, r[0]).getResultList();
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c));
        String summary = string(r[3]);
        return Optional.of(new PolicyVersionRecord(string(r[0]), instant(r[1]), string(r[2]), text.toString(),
                summary == null || summary.isEmpty() ? null : summary));
    }

    @Override
    public boolean accept(PolicyAcceptanceRecord a) {
        try {
            Tx.run(emf, em -> em.createNativeQuery("INSERT INTO policy_acceptances (account_id, version, accepted_at,"
                            + " ip) VALUES (?, ?, ?, ?)").setParameter(1, a.accountId()).setParameter(2, a.version())
                    .setParameter(3, a.acceptedAt().toEpochMilli()).setParameter(4, a.ip()).executeUpdate());
            return true;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<PolicyAcceptanceRecord> byAccount(String accountId) {
        return Tx.inTransaction(emf, em -> {
            List<Object[]> rows = em.createNativeQuery("SELECT account_id, version, accepted_at, ip FROM"
                            + " policy_acceptances WHERE account_id = ? ORDER BY accepted_at, version")
                    .setParameter(1, accountId).getResultList();
            return rows.stream().map(r -> new PolicyAcceptanceRecord(string(r[0]), string(r[1]), instant(r[2]),
                    string(r[3]))).toList();
        });
    }

    @Override
    public int deleteByAccount(String accountId) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("DELETE FROM policy_acceptances WHERE account_id = ?")
                .setParameter(1, accountId).executeUpdate());
    }
}
