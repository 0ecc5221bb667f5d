package org.aisora.api.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One processor customer whose billing is to end because its account was erased: cancel its subscriptions
 * and delete the customer at the processor. The row outlives the account and names no account, only the
 * processor's customer id. {@code idempotencyKey} is stored with the row and sent on every attempt.
 * {@code lastError} is a code, never a processor's message.
 */
public record BillingClosureRecord(String id, String processor, String customerId, String idempotencyKey,
                                   Status status, int attempts, Instant nextAttemptAt, String lastError,
                                   int subscriptionsCanceled, boolean customerDeleted, Instant createdAt,
                                   Instant updatedAt) {
    public enum Status {
        PENDING, DONE, FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public BillingClosureRecord {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
    }

    /** A new row, due now; its idempotency key is derived from its id once, here. */
    public static BillingClosureRecord queued(String id, String processor, String customerId, Instant now) {
        return new BillingClosureRecord(id, processor, customerId, "aisora-close-" + id, Status.PENDING, 0, now, null,
                0, false, now, now);
    }
}
