package org.aisora.api.payment;

import java.time.Instant;

/** A subscription as the processor has it now (re-read where event order matters). */
public record SubscriptionState(String subscriptionId, String customerId, String accountId, String plan,
                                String status, Instant periodEnd, boolean active) {
}
