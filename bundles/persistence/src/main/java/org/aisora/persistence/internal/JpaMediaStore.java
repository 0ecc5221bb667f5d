package org.aisora.persistence.internal;

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

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaMediaStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                         @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public void insert(MediaRecord media) {
        Tx.run(emf, em -> em.persist(MediaEntity.of(media)));
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

    // the attribute name comes from this class only, never from a caller
    private List<MediaRecord> by(String attribute, String value) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select m from Media m where m." + attribute + " = :v order by m.createdAt, m.id",
                        MediaEntity.class)
                .setParameter("v", value)
                .getResultList().stream().map(MediaEntity::toRecord).toList());
    }
}
