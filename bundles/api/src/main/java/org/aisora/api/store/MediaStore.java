package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Media items and their derivatives. */
@ProviderType
public interface MediaStore {
    void insert(MediaRecord media);

    /** Inserts an item with its derivatives in one transaction. */
    void insertAll(List<MediaRecord> media);

    Optional<MediaRecord> find(String id);

    List<MediaRecord> findByJob(String jobId);

    List<MediaRecord> findByParent(String parentId);

    /** An owner's items without a parent (uploads and generated outputs), newest first. */
    List<MediaRecord> listTopLevel(String ownerId, int offset, int limit);

    /** Items in a processing state (e.g. "processing" after a restart), oldest first. */
    List<MediaRecord> listByStatus(String status, int limit);

    /** Records processing progress or its end. @return false when the row is gone (deleted meanwhile) */
    boolean updateProcessing(String id, String status, int progress, String errorCode);

    /** Deletes the rows of these ids. @return how many were deleted */
    int delete(List<String> ids);

    /** Every row of an owner, derivatives included (thumbnails, renditions), oldest first. */
    List<MediaRecord> listByOwner(String ownerId);

    /**
     * Sets the status of every row of an owner to {@code status} (erasure flags them "deleting" before their
     * blobs go, so a crash never leaves a live row without its blob). @return rows changed
     */
    int markAllOfOwner(String ownerId, String status);

    /**
     * Bytes the rows of an owner carry, derivatives included (originals, generated outputs, renditions,
     * thumbnails): what the plan's storage quota counts. Implementations answer with one aggregate query.
     *
     * @since 1.3
     */
    default long bytesUsed(String ownerId) {
        return listByOwner(ownerId).stream().mapToLong(MediaRecord::bytes).sum();
    }
}
