package org.aisora.api.payment;

import java.util.List;

/**
 * What a processor did to end billing for a deleted account.
 *
 * @param canceledSubscriptions the subscriptions canceled now (already canceled ones are not listed)
 * @param customerDeleted       the customer record is gone at the processor (deleted now, or before)
 */
public record BillingClosure(List<String> canceledSubscriptions, boolean customerDeleted) {
    public BillingClosure {
        canceledSubscriptions = List.copyOf(canceledSubscriptions);
    }
}
