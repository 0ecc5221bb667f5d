package org.aisora.api.service;

import java.time.Instant;

/**
 * An account's plan and, when it pays for one, its subscription (status and period end only), with what the
 * active retention policy keeps for that plan ({@code null} in admin listings).
 */
public record SubscriptionView(String accountId, String plan, String status, String processor, Instant periodEnd,
                               RetentionView retention) {
    public SubscriptionView(String accountId, String plan, String status, String processor, Instant periodEnd) {
        this(accountId, plan, status, processor, periodEnd, null);
    }
}
