package org.aisora.api.store;

import java.time.Instant;

/** An account's subscription at a processor: ids, plan, status and dates only. */
public record SubscriptionRecord(String accountId, String processor, String subscriptionId, String plan,
                                 String status, Instant periodEnd, Instant updatedAt) {
}
