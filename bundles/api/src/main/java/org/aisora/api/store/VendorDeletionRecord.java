package org.aisora.api.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One vendor task to delete at its vendor, queued when our copy goes (expiry, media deletion, account
 * deletion) and kept after the job and account rows are gone: it names the provider, the vendor and the
 * vendor's own task id, never the account. {@code lastError} is a code (e.g. {@code provider_unavailable}),
 * never a vendor's message. {@code vendorRetention} is what the vendor states it keeps, as the job's
 * third-party record had it; for {@link Status#NOT_SUPPORTED} rows it is how long the copy stays there.
 */
public record VendorDeletionRecord(String id, String providerId, String vendor, String vendorTaskId, Reason reason,
                                   Status status, int attempts, Instant nextAttemptAt, String lastError,
                                   String vendorRetention, Instant createdAt, Instant updatedAt) {
    /** Where a row is: waiting (or being tried), done, given up, or impossible at this vendor. */
    public enum Status {
        PENDING, DELETED, FAILED, NOT_SUPPORTED;

        /** The lower-case name stored in the database and shown to operators. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** Why our copy went. */
    public enum Reason {
        EXPIRY, MEDIA_DELETED, ACCOUNT_DELETED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Reason of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public VendorDeletionRecord {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(vendorTaskId, "vendorTaskId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(status, "status");
    }

    /** A new row, due now: pending when the vendor offers deletion, else not_supported (nothing to try). */
    public static VendorDeletionRecord queued(String id, String providerId, String vendor, String vendorTaskId,
                                              boolean deletable, String vendorRetention, Reason reason, Instant now) {
        return new VendorDeletionRecord(id, providerId, vendor, vendorTaskId, reason,
                deletable ? Status.PENDING : Status.NOT_SUPPORTED, 0, now, null, vendorRetention, now, now);
    }
}
