package org.aisora.api.service;

import java.time.Instant;

/** An account's plan and, when it pays for one, its subscription (status and period end only). */
public record SubscriptionView(String accountId, String plan, String status, String processor, Instant periodEnd) {
}
