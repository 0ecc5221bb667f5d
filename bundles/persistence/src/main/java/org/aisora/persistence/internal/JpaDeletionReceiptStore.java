package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.DeletionReceiptRecord;
import org.aisora.api.store.DeletionReceiptStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The receipt chain (see V9__deletion_receipts.sql). An append locks the one head row
 * ({@code SELECT ... FOR UPDATE}), so concurrent appends, on one node or several, queue behind each other and
 * each links to the one before it; the head moves in the same transaction as the insert.
 */
@Component(service = DeletionReceiptStore.class)
public final class JpaDeletionReceiptStore implements DeletionReceiptStore {
    private static final String COLUMNS = "id, seq, created_at, expires_at, content, prev_hash, hash";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaDeletionReceiptStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                                   @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public DeletionReceiptRecord append(String id, Link link) {
        return Tx.inTransaction(emf, em -> {
            Object[] head = (Object[]) em.createNativeQuery(
                    "SELECT seq, hash FROM deletion_receipt_head WHERE id = 1 FOR UPDATE").getSingleResult();
            Optional<DeletionReceiptRecord> stored = select(em, "WHERE id = ?", id, 1).stream().findFirst();
            if (stored.isPresent()) {
                return stored.get();
            }
            DeletionReceiptRecord r = link.build(((Number) head[0]).longValue() + 1, (String) head[1]);
            if (!r.id().equals(id)) {
                throw new IllegalArgumentException("the link must carry the id it was appended under");
            }
            em.createNativeQuery("INSERT INTO deletion_receipts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, r.id()).setParameter(2, r.seq()).setParameter(3, r.createdAt().toEpochMilli())
                    .setParameter(4, r.expiresAt().toEpochMilli()).setParameter(5, r.content())
                    .setParameter(6, r.prevHash()).setParameter(7, r.hash()).executeUpdate();
            em.createNativeQuery("UPDATE deletion_receipt_head SET seq = ?, hash = ? WHERE id = 1")
                    .setParameter(1, r.seq()).setParameter(2, r.hash()).executeUpdate();
            return r;
        });
    }

    @Override
    public Optional<DeletionReceiptRecord> find(String id) {
        return Tx.inTransaction(emf, em -> select(em, "WHERE id = ?", id, 1).stream().findFirst());
    }

    @Override
    public List<DeletionReceiptRecord> list(long afterSeq, int limit) {
        return Tx.inTransaction(emf, em -> select(em, "WHERE seq > ? ORDER BY seq", afterSeq, limit));
    }

    @SuppressWarnings("unchecked")
    private static List<DeletionReceiptRecord> select(EntityManager em, String where, Object value, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM deletion_receipts " + where)
                .setParameter(1, value).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new DeletionReceiptRecord((String) r[0], ((Number) r[1]).longValue(),
                Instant.ofEpochMilli(((Number) r[2]).longValue()), Instant.ofEpochMilli(((Number) r[3]).longValue()),
                (String) r[4], (String) r[5], (String) r[6])).toList();
    }
}
