package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Media items and their derivatives. Top-level items in status "processing" (videos waiting for their renditions)
 * carry a lease since 2.2: the node that claimed one processes it, and another node takes it over only once the
 * lease ran out, so no item is processed twice and no node deletes what another is making.
 */
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

    /**
     * Claims up to {@code limit} top-level "processing" items for {@code node} until {@code leaseUntil}, oldest
     * first: items no node claimed, or whose lease ran out before {@code now} (a node that stopped renewing it).
     * Claimers racing on other nodes never get the same item and none waits on another
     * ({@code FOR UPDATE SKIP LOCKED}). @return the claimed items
     * @since 2.2
     */
    List<MediaRecord> claimProcessing(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * Claims one top-level "processing" item for {@code node}, as {@link #claimProcessing}; the node's own claim
     * is renewed. @return false when the item is not processing or another node holds a live lease on it
     * @since 2.2
     */
    boolean claimProcessing(String mediaId, String node, Instant now, Instant leaseUntil);

    /**
     * The heartbeat: moves the lease of every "processing" item {@code node} holds to {@code leaseUntil}; items
     * of other nodes are not touched. @return items extended
     * @since 2.2
     */
    int extendProcessingLeases(String node, Instant leaseUntil);

    /**
     * Records the progress (0-99) of an item that {@code node} holds; the status is not touched, so a node that
     * lost its lease never turns an item another node ended back to "processing".
     * @return false when the item is gone, no longer "processing" or claimed by another node
     * @since 2.2
     */
    boolean progressProcessing(String mediaId, String node, int progress);

    /**
     * Ends the processing of an item that {@code node} holds: inserts its derivatives and sets its status, progress
     * and error code in one transaction. The lease stays as the record of who processed it.
     * @return false, with nothing written, when the item is gone, no longer "processing" or claimed by another node
     * @since 2.2
     */
    boolean finishProcessing(String mediaId, String node, List<MediaRecord> derivatives, String status, int progress,
                             String errorCode);

    /**
     * Gives back {@code node}'s claim on one "processing" item, so any node may claim it at once.
     * @return false when {@code node} does not hold it
     * @since 2.2
     */
    boolean releaseProcessing(String mediaId, String node);

    /**
     * Gives back every claim {@code node} holds on "processing" items (a stopping node). @return claims dropped
     * @since 2.2
     */
    int releaseProcessing(String node);
}
