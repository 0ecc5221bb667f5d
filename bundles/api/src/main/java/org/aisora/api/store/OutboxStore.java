package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The mail outbox. A row is claimed under a lease before it is handed to a notifier, so several nodes
 * (or a restarted one) never send the same row while its lease runs; every transition is conditional on
 * the claim, so a node whose lease was taken over cannot overwrite the new owner's outcome.
 */
@ProviderType
public interface OutboxStore {
    /** @return {@code false} when a row with that dedupe key exists (nothing changes) */
    boolean enqueue(OutboxMessage message);

    /**
     * Claims up to {@code limit} rows that are due: queued with {@code next_attempt_at <= now}, or sending
     * with an expired lease (its node died). Claimed rows become sending, owned by {@code node} until
     * {@code leaseUntil}, with attempts counted up by one. Oldest first.
     */
    List<OutboxMessage> claim(String node, Instant now, Instant leaseUntil, int limit);

    /** @return {@code false} when the row is no longer claimed by {@code node} */
    boolean markSent(String id, String node, Instant at);

    /** Back to queued, due at {@code nextAttemptAt}, with the error; only while claimed by {@code node}. */
    boolean retryLater(String id, String node, Instant nextAttemptAt, String error);

    /** Given up: failed, with the error; only while claimed by {@code node}. */
    boolean markFailed(String id, String node, String error);

    /** Back to queued without counting the attempt (the node stops before sending it). */
    boolean release(String id, String node);

    /** Rows per status, for the console and health. */
    Map<String, Long> countByStatus();

    List<OutboxMessage> byAccount(String accountId);

    /** Erasure: the account's messages, whatever their status. @return rows deleted */
    int deleteByAccount(String accountId);
}
