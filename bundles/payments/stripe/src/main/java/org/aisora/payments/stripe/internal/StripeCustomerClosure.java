package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.StripeObjects.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.PaymentException;

/**
 * Ends a customer's billing at Stripe (payment SPI 1.2 {@code closeCustomer}): lists every subscription of the
 * customer, cancels at once each one still live (no proration, no final invoice), then deletes the customer.
 * Every call that changes something carries a key derived from the core's stored one, so a retried step is
 * answered by Stripe with the first call's result; a 404 counts as already done.
 */
final class StripeCustomerClosure {
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");
    private static final Set<String> FINISHED = Set.of("canceled", "incomplete_expired");
    private static final int MAX_PAGES = 100;

    private final StripeApi api;

    StripeCustomerClosure(StripeApi api) {
        this.api = api;
    }

    BillingClosure close(String customerId, String idempotencyKey) throws PaymentException {
        if (customerId == null || !OBJECT_ID.matcher(customerId).matches()) {
            throw new PaymentException(StripeApi.ERROR, "not a Stripe customer id");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 150) {
            throw new PaymentException(StripeApi.ERROR, "closing a customer needs an idempotency key of at most 150 characters");
        }
        Optional<List<String>> live = liveSubscriptions(customerId);
        if (live.isEmpty()) {
            return new BillingClosure(List.of(), true); // the customer is gone: nothing bills it any more
        }
        List<String> canceled = new ArrayList<>();
        for (String sub : live.get()) {
            if (api.delete("/v1/subscriptions/" + sub + "?invoice_now=false&prorate=false",
                    idempotencyKey + "-cancel-" + sub).isPresent()) {
                canceled.add(sub);
            }
        }
        api.delete("/v1/customers/" + customerId, idempotencyKey + "-customer");
        return new BillingClosure(canceled, true);
    }

    /** @return empty when Stripe has no such customer */
    private Optional<List<String>> liveSubscriptions(String customerId) throws PaymentException {
        List<String> live = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Optional<JsonNode> list = api.get("/v1/subscriptions?customer=" + customerId + "&status=all&limit=100"
                    + (after == null ? "" : "&starting_after=" + after));
            if (list.isEmpty()) {
                return Optional.empty();
            }
            String last = null;
            for (JsonNode sub : list.get().path("data")) {
                String id = text(sub, "id");
                if (id == null || !OBJECT_ID.matcher(id).matches()) {
                    continue;
                }
                last = id;
                if (!FINISHED.contains(text(sub, "status"))) {
                    live.add(id);
                }
            }
            if (!list.get().path("has_more").asBoolean(false) || last == null) {
                return Optional.of(live);
            }
            after = last;
        }
        throw new PaymentException(StripeApi.ERROR, "the customer has more subscriptions than can be listed");
    }
}
