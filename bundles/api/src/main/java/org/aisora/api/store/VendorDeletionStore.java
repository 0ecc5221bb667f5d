package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable queue of vendor task deletions. It outlives the job, attempt and account rows it was filled
 * from. A pending row is claimed under a lease before its vendor is called: the claim counts the attempt,
 * names the node and moves {@code next_attempt_at} to the lease's end, so another node (or a restarted one)
 * takes it over only once that lease has run out. Every later transition names its node, so a node whose
 * lease was taken over changes nothing.
 */
@ProviderType
public interface VendorDeletionStore {
    /**
     * Queues one row, idempotent per (provider id, vendor task id).
     *
     * @return the row as stored: the given one, or the one queued before for that task (unchanged)
     */
    VendorDeletionRecord enqueue(VendorDeletionRecord row);

    /** Up to {@code limit} pending rows due at {@code now}, oldest due first, claimed by {@code node}. */
    List<VendorDeletionRecord> claim(String node, Instant now, Instant leaseUntil, int limit);

    /** The vendor confirmed the deletion. @return {@code false} when {@code node} no longer holds the row */
    boolean markDeleted(String id, String node, Instant at);

    /** Pending again, due at {@code nextAttemptAt}, with an error code; the attempt stays counted. */
    boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at);

    /** Given up after its attempts: failed, with the error code. */
    boolean markFailed(String id, String node, String errorCode, Instant at);

    /**
     * Pending again without counting the attempt (nothing was asked of the vendor, e.g. its provider is not
     * installed now), due at {@code nextAttemptAt}, with the reason as error code.
     */
    boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at);

    /** Rows per status, every status present (0 when none). */
    Map<VendorDeletionRecord.Status, Long> countByStatus();

    /** Rows in one status, the most recently changed first. */
    List<VendorDeletionRecord> list(VendorDeletionRecord.Status status, int limit);

    Optional<VendorDeletionRecord> find(String providerId, String vendorTaskId);
}
