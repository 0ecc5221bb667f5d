package org.aisora.api.store;

import java.time.Instant;

/**
 * One call of one provider for one job, written as soon as it ends: the attempt log and, for vendor
 * providers, the third-party processing record (who saw the prompt and media, what the vendor states
 * it keeps, and the vendor's task id so a later erasure can be propagated where the vendor allows it).
 *
 * @param outcome   {@code succeeded}, {@code failed}, {@code rejected} or {@code skipped_circuit_open}
 * @param vendor    null for providers that run on our machine
 * @param costMicros what the vendor charges for it, millionths of a US dollar (0 when unknown or free)
 */
public record JobAttempt(String jobId, int seq, String providerId, String outcome, String errorCode, long latencyMs,
                         long costMicros, Instant startedAt, String vendor, String vendorRetention,
                         boolean vendorDeletable, String vendorTaskId) {
}
