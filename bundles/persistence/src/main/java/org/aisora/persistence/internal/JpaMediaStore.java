package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = MediaStore.class)
public final class JpaMediaStore implements MediaStore {
    private final EntityManagerFactory emf;
    private final MediaLeases leases;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaMediaStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                         @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
        this.leases = new MediaLeases(emf);
    }

    @Override
    public void insert(MediaRecord media) {
        Tx.run(emf, em -> em.persist(MediaEntity.of(media)));
    }

    @Override
    public void insertAll(List<MediaRecord> media) {
        Tx.run(emf, em -> media.forEach(m -> em.persist(MediaEntity.of(m))));
    }

    @Override
    public Optional<MediaRecord> find(String id) {
        return Tx.inTransaction(emf, em -> Optional.ofNullable(em.find(MediaEntity.class, id))
                .map(MediaEntity::toRecord));
    }

    @Override
    public List<MediaRecord> findByJob(String jobId) {
        return by("jobId", jobId);
    }

    @Override
    public List<MediaRecord> findByParent(String parentId) {
        return by("parentId", parentId);
    }

    @Override
    public List<MediaRecord> listTopLevel(String ownerId, int offset, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select m from Media m where m.ownerId = :o and m.parentId is null"
                        + " order by m.createdAt desc, m.id desc", MediaEntity.class)
                .setParameter("o", ownerId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList().stream().map(MediaEntity::toRecord).toList());
    }

    @Override
    public List<MediaRecord> listByStatus(String status, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select m from Media m where m.status = :s order by m.createdAt, m.id", MediaEntity.class)
                .setParameter("s", status)
                .setMaxResults(limit)
                .getResultList().stream().map(MediaEntity::toRecord).toList());
    }

    @Override
    public boolean updateProcessing(String id, String status, int progress, String errorCode) {
        return Tx.inTransaction(emf, em -> {
            MediaEntity e = em.find(MediaEntity.class, id);
            if (e == null) {
                return false;
            }
            e.processing(status, progress, errorCode);
            return true;
        });
    }

    @Override
    public int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return Tx.inTransaction(emf, em -> em.createQuery("delete from Media m where m.id in :ids")
                .setParameter("ids", ids)
                .executeUpdate());
    }

    @Override
    public List<MediaRecord> listByOwner(String ownerId) {
        return by("ownerId", ownerId);
    }

    @Override
    public int markAllOfOwner(String ownerId, String status) {
        return Tx.inTransaction(emf, em -> em.createQuery("update Media m set m.status = :s where m.ownerId = :o")
                .setParameter("s", status).setParameter("o", ownerId).executeUpdate());
    }

    @Override
    public long bytesUsed(String ownerId) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select coalesce(sum(m.bytes), 0) from Media m where m.ownerId = :o", Long.class)
                .setParameter("o", ownerId)
                .getSingleResult());
    }

    @Override
    public List<MediaRecord> claimProcessing(String node, Instant now, Instant leaseUntil, int limit) {
        return leases.claim(node, now, leaseUntil, limit);
    }

    @Override
    public boolean claimProcessing(String mediaId, String node, Instant now, Instant leaseUntil) {
        return leases.claim(mediaId, node, now, leaseUntil);
    }

    @Override
    public int extendProcessingLeases(String node, Instant leaseUntil) {
        return leases.extend(node, leaseUntil);
    }

    @Override
    public boolean progressProcessing(String mediaId, String node, int progress) {
        return leases.progress(mediaId, node, progress);
    }

    @Override
    public boolean finishProcessing(String mediaId, String node, List<MediaRecord> derivatives, String status,
                                    int progress, String errorCode) {
        return leases.finish(mediaId, node, derivatives, status, progress, errorCode);
    }

    @Override
    public boolean releaseProcessing(String mediaId, String node) {
        return leases.release(mediaId, node);
    }

    @Override
    public int releaseProcessing(String node) {
        return leases.releaseAll(node);
    }

    // the attribute name comes from this class only, never from a caller
    private List<MediaRecord> by(String attribute, String value) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select m from Media m where m." + attribute + " = :v order by m.createdAt, m.id",
                        MediaEntity.class)
                .setParameter("v", value)
                .getResultList().stream().map(MediaEntity::toRecord).toList());
    }
}
