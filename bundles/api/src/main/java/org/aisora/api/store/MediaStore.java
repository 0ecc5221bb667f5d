package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Media items and their derivatives. */
@ProviderType
public interface MediaStore {
    void insert(MediaRecord media);

    Optional<MediaRecord> find(String id);

    List<MediaRecord> findByJob(String jobId);

    List<MediaRecord> findByParent(String parentId);
}
