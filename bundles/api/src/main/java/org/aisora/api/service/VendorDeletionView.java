package org.aisora.api.service;

import java.time.Instant;

/**
 * One row of the vendor deletion queue. No account is named: the task id is the vendor's.
 * @param lastError an error code, never a vendor's message
 * @param vendorRetention what the vendor states it keeps (for {@code not_supported}: how long the copy stays)
 */
public record VendorDeletionView(String id, String provider, String vendor, String vendorTaskId, String reason,
                                 String status, int attempts, Instant nextAttemptAt, String lastError,
                                 String vendorRetention, Instant createdAt, Instant updatedAt) {
}
