package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.MediaRecord;

/**
 * The leases on video processing in plain SQL (see V17__media_leases.sql): the columns are not mapped, only these
 * statements touch them. A claim selects rows with {@code FOR UPDATE SKIP LOCKED} and marks them with a guarded
 * UPDATE in the same transaction, so nodes claiming at once take different rows and none waits on another; the
 * claim then lives on as a lease (claimed_by, lease_until) while the item waits and is transcoded.
 */
final class MediaLeases {
    /** What a node processes: an upload waiting for its renditions (derivatives are never processed). */
    private static final String PROCESSING = "status = 'processing' AND parent_id IS NULL";
    /** A claim nobody holds any more: never made, or its node stopped renewing it. */
    private static final String FREE = "(claimed_by IS NULL OR lease_until IS NULL OR lease_until < ?)";

    private final EntityManagerFactory emf;

    MediaLeases(EntityManagerFactory emf) {
        this.emf = emf;
    }

    List<MediaRecord> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            List<MediaRecord> claimed = new ArrayList<>();
            for (Object id : lockFree(em, at, limit)) {
                if (mark(em, id, node, at, leaseUntil, false) == 1) {
                    claimed.add(load(em, id));
                }
            }
            return claimed;
        });
    }

    boolean claim(String mediaId, String node, Instant now, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> mark(em, mediaId, node, now.toEpochMilli(), leaseUntil, true) == 1);
    }

    int extend(String node, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE media SET lease_until = ? WHERE claimed_by = ?"
                        + " AND " + PROCESSING)
                .setParameter(1, leaseUntil.toEpochMilli()).setParameter(2, node).executeUpdate());
    }

    boolean progress(String mediaId, String node, int progress) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE media SET progress = ? WHERE id = ?"
                        + " AND claimed_by = ? AND " + PROCESSING)
                .setParameter(1, progress).setParameter(2, mediaId).setParameter(3, node).executeUpdate() == 1);
    }

    boolean finish(String mediaId, String node, List<MediaRecord> derivatives, String status, int progress,
                   String errorCode) {
        return Tx.inTransaction(emf, em -> {
            int ended = em.createNativeQuery("UPDATE media SET status = ?, progress = ?, error_code = ? WHERE id = ?"
                            + " AND claimed_by = ? AND " + PROCESSING)
                    .setParameter(1, status).setParameter(2, progress).setParameter(3, errorCode)
                    .setParameter(4, mediaId).setParameter(5, node).executeUpdate();
            if (ended != 1) {
                return false;
            }
            derivatives.forEach(m -> em.persist(MediaEntity.of(m)));
            return true;
        });
    }

    boolean release(String mediaId, String node) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE media SET claimed_by = NULL, lease_until = NULL"
                        + " WHERE id = ? AND claimed_by = ? AND " + PROCESSING)
                .setParameter(1, mediaId).setParameter(2, node).executeUpdate() == 1);
    }

    int releaseAll(String node) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE media SET claimed_by = NULL, lease_until = NULL"
                        + " WHERE claimed_by = ? AND " + PROCESSING)
                .setParameter(1, node).executeUpdate());
    }

    /** The guarded claim of one row: free, or (when {@code renew}) already this node's. */
    private static int mark(EntityManager em, Object id, String node, long at, Instant leaseUntil, boolean renew) {
        var update = em.createNativeQuery("UPDATE media SET claimed_by = ?, lease_until = ? WHERE id = ? AND "
                        + PROCESSING + " AND " + (renew ? "(claimed_by = ? OR " + FREE + ")" : FREE))
                .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, id);
        if (renew) {
            update.setParameter(4, node).setParameter(5, at);
        } else {
            update.setParameter(4, at);
        }
        return update.executeUpdate();
    }

    /** The ids of free processing rows, oldest first, locked, skipping rows other claimers hold. */
    @SuppressWarnings("unchecked")
    private static List<Object> lockFree(EntityManager em, long at, int limit) {
        // LIMIT written out: Hibernate would append its own after FOR UPDATE, which neither database parses
        return em.createNativeQuery("SELECT id FROM media WHERE " + PROCESSING + " AND " + FREE
                        + " ORDER BY created_at, id LIMIT " + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, at).getResultList();
    }

    private static MediaRecord load(EntityManager em, Object id) {
        MediaEntity media = em.find(MediaEntity.class, id);
        em.refresh(media); // a native UPDATE bypasses the persistence context: read the row as it is now
        return media.toRecord();
    }
}
