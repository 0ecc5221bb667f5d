package org.aisora.api.store;

import java.time.Instant;

/**
 * One row of the mail outbox. {@code status} is queued, sending (claimed under a lease until
 * {@code claimUntil}), sent or failed. {@code lastError} never carries credentials.
 */
public record OutboxMessage(String id, String dedupeKey, String accountId, String recipient, String subject,
                            String body, String status, int attempts, Instant nextAttemptAt, String lastError,
                            Instant createdAt, Instant sentAt, String claimedBy, Instant claimUntil) {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    /** A new message, due now. */
    public static OutboxMessage queued(String id, String dedupeKey, String accountId, String recipient,
                                       String subject, String body, Instant now) {
        return new OutboxMessage(id, dedupeKey, accountId, recipient, subject, body, QUEUED, 0, now, null, now,
                null, null, null);
    }
}
