package org.aisora.payments.stripe.internal;

import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.PaymentException;

/**
 * Ends a customer's billing at Stripe for an erased account: every subscription that can still bill is
 * canceled now (no proration, no final invoice), then the customer is deleted. Each call has an idempotency
 * key derived from the core's, and whatever Stripe no longer has ({@code resource_missing}) counts as done,
 * so a repeat after any failure finishes the job without doing anything twice.
 */
final class CustomerClosing {
    /** Stripe's page size limit. */
    private static final long PAGE = 100;
    /** Statuses that can no longer bill: nothing to cancel. */
    private static final Set<String> OVER = Set.of("canceled", "incomplete_expired");
    private static final SubscriptionCancelParams AT_ONCE = SubscriptionCancelParams.builder().setInvoiceNow(false)
            .setProrate(false).build();

    private final StripeCalls calls;

    CustomerClosing(StripeCalls calls) {
        this.calls = calls;
    }

    BillingClosure close(String customerId, String idempotencyKey) throws PaymentException {
        List<String> canceled = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            SubscriptionListParams.Builder params = SubscriptionListParams.builder().setCustomer(customerId)
                    .setStatus(SubscriptionListParams.Status.ALL).setLimit(PAGE);
            if (after != null) {
                params.setStartingAfter(after);
            }
            Optional<StripeCollection<Subscription>> page = calls.callUnlessMissing(client -> client.subscriptions()
                    .list(params.build(), calls.options(null)), true);
            if (page.isEmpty()) {
                return new BillingClosure(List.of(), true); // the customer is gone, and its subscriptions with it
            }
            List<Subscription> subscriptions = page.get().getData() == null ? List.of() : page.get().getData();
            for (Subscription subscription : subscriptions) {
                String id = subscription.getId();
                if (id != null && !OVER.contains(subscription.getStatus()) && cancel(id, idempotencyKey)) {
                    canceled.add(id);
                }
            }
            more = Boolean.TRUE.equals(page.get().getHasMore()) && !subscriptions.isEmpty();
            after = subscriptions.isEmpty() ? null : subscriptions.get(subscriptions.size() - 1).getId();
        }
        calls.callUnlessMissing(client -> client.customers().delete(customerId,
                calls.options(idempotencyKey + "-customer")), true);
        return new BillingClosure(canceled, true);
    }

    /** True when canceled now; false when Stripe no longer has it (already gone). */
    private boolean cancel(String subscriptionId, String idempotencyKey) throws PaymentException {
        if (!StripePaymentProcessor.OBJECT_ID.matcher(subscriptionId).matches()) {
            throw new PaymentException(StripeCalls.ERROR, "Stripe listed a subscription with an unusable id");
        }
        return calls.callUnlessMissing(client -> client.subscriptions().cancel(subscriptionId, AT_ONCE,
                calls.options(idempotencyKey + "-cancel-" + subscriptionId)), true).isPresent();
    }
}
