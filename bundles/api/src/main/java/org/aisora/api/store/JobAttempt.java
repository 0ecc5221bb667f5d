package org.aisora.api.store;

import java.time.Instant;

/**
 * One call of one provider for one job: the attempt log and, for vendor providers, the third-party processing
 * record (who saw the prompt and media, what the vendor states it keeps, and the vendor's task id so a later
 * erasure can be propagated where the vendor allows it). A call is written {@code started} before the provider
 * is called, gets the vendor's task id as soon as the vendor answers, and is settled in the same row when it
 * ends; a node that takes an interrupted job over finds it there and polls that task instead of calling again.
 *
 * @param outcome        {@code started} (the call is under way, or its node died during it), {@code succeeded},
 *                       {@code failed}, {@code rejected}, {@code canceled}, {@code skipped_circuit_open} or
 *                       {@code lost} (its node died and the task could not be picked up again)
 * @param vendor         null for providers that run on our machine
 * @param costMicros     what the vendor charges for it, millionths of a US dollar (0 when unknown or free)
 * @param idempotencyKey the key the provider was given for this call (null for attempts from before 2.2 and for
 *                       skipped ones)
 */
public record JobAttempt(String jobId, int seq, String providerId, String outcome, String errorCode, long latencyMs,
                         long costMicros, Instant startedAt, String vendor, String vendorRetention,
                         boolean vendorDeletable, String vendorTaskId, String idempotencyKey) {
    /** The outcome of a call under way. @since 2.2 */
    public static final String STARTED = "started";
    /** The outcome of a call whose node died and whose task could not be picked up again. @since 2.2 */
    public static final String LOST = "lost";

    /** An attempt without an idempotency key. */
    public JobAttempt(String jobId, int seq, String providerId, String outcome, String errorCode, long latencyMs,
                      long costMicros, Instant startedAt, String vendor, String vendorRetention,
                      boolean vendorDeletable, String vendorTaskId) {
        this(jobId, seq, providerId, outcome, errorCode, latencyMs, costMicros, startedAt, vendor, vendorRetention,
                vendorDeletable, vendorTaskId, null);
    }

    /** Whether the call is still under way, or was when its node died. @since 2.2 */
    public boolean started() {
        return STARTED.equals(outcome);
    }
}
