package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable queue that ends an erased account's billing at its processor (see {@link BillingClosureRecord}).
 * Claims work as in {@link VendorDeletionStore}: a claim counts the attempt, names the node and moves
 * {@code next_attempt_at} to the lease's end, so no other node runs the row until that lease runs out; every
 * later transition names its node, so a node whose lease was taken over changes nothing.
 */
@ProviderType
public interface BillingClosureStore {
    /** Queues one row, idempotent per (processor, customer id). @return the row as stored (new or earlier) */
    BillingClosureRecord enqueue(BillingClosureRecord row);

    /** Up to {@code limit} pending rows due at {@code now}, oldest due first, claimed by {@code node}. */
    List<BillingClosureRecord> claim(String node, Instant now, Instant leaseUntil, int limit);

    /** Claims one row by id if it is pending, due and not leased to anyone. */
    Optional<BillingClosureRecord> claim(String id, String node, Instant now, Instant leaseUntil);

    /** The processor confirmed: done, with what it did. @return false when {@code node} no longer holds the row */
    boolean markDone(String id, String node, int subscriptionsCanceled, boolean customerDeleted, Instant at);

    /** Pending again, due at {@code nextAttemptAt}, with an error code; the attempt stays counted. */
    boolean retryLater(String id, String node, Instant nextAttemptAt, String errorCode, Instant at);

    /** Given up after its attempts: failed, with the error code. */
    boolean markFailed(String id, String node, String errorCode, Instant at);

    /** Pending again without counting the attempt (the processor is not installed now). */
    boolean postpone(String id, String node, Instant nextAttemptAt, String errorCode, Instant at);

    Optional<BillingClosureRecord> find(String processor, String customerId);

    /** Rows per status, every status present (0 when none). */
    Map<BillingClosureRecord.Status, Long> countByStatus();
}
