package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.StripeObjects.ACCOUNT;
import static org.aisora.payments.stripe.internal.StripeObjects.first;
import static org.aisora.payments.stripe.internal.StripeObjects.number;
import static org.aisora.payments.stripe.internal.StripeObjects.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentEvent.Type;
import org.aisora.api.payment.PaymentException;

/**
 * A verified Stripe event as the platform's {@link PaymentEvent}. Our account id travels in the metadata we
 * set at checkout (session, payment intent and subscription), so every event we act on carries it.
 */
final class StripeEvents {
    private static final Set<String> ENDED = Set.of("canceled", "unpaid", "incomplete_expired");

    private final ProductCatalog catalog;

    StripeEvents(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    PaymentEvent normalise(JsonNode event) throws PaymentException {
        String id = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.path("data").path("object");
        if (id == null || type == null || !object.isObject()) {
            throw new PaymentException(StripeApi.ERROR, "the Stripe event has no id, type or data.object");
        }
        Draft draft = new Draft(id, StripeObjects.epoch(event, "created"), text(object, "id"),
                text(object, "customer"));
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(draft, object);
            case "invoice.paid" -> invoice(draft, object, Type.SUBSCRIPTION_RENEWED, "amount_paid");
            case "invoice.payment_failed" -> invoice(draft, object, Type.PAYMENT_FAILED, "amount_due");
            case "customer.subscription.updated" -> subscription(draft, object, false);
            case "customer.subscription.deleted" -> subscription(draft, object, true);
            case "charge.refunded" -> refund(draft, object);
            default -> draft.build(Type.IGNORED);
        };
    }

    /** Paid credit packs and new subscriptions; a session still waiting for a delayed payment grants nothing. */
    private PaymentEvent checkout(Draft draft, JsonNode session) {
        JsonNode metadata = session.path("metadata");
        draft.accountId = first(text(metadata, ACCOUNT), text(session, "client_reference_id"));
        draft.amountMinor = number(session, "amount_total");
        draft.currency = text(session, "currency");
        String mode = text(session, "mode");
        if ("payment".equals(mode) && "paid".equals(text(session, "payment_status"))) {
            draft.credits = StripeObjects.credits(metadata, catalog);
            return draft.build(Type.CREDITS_PURCHASED);
        }
        if ("subscription".equals(mode)) {
            draft.subscriptionId = text(session, "subscription");
            draft.plan = StripeObjects.plan(metadata, null, catalog);
            return draft.build(Type.SUBSCRIPTION_ACTIVE);
        }
        return draft.build(Type.IGNORED);
    }

    /** Invoices of subscriptions only; a one-off invoice is none of our business. */
    private PaymentEvent invoice(Draft draft, JsonNode invoice, Type type, String amountField) {
        draft.subscriptionId = StripeObjects.invoiceSubscription(invoice);
        if (draft.subscriptionId == null) {
            return draft.build(Type.IGNORED);
        }
        JsonNode metadata = StripeObjects.invoiceSubscriptionMetadata(invoice);
        String account = first(text(metadata, ACCOUNT), text(invoice.path("metadata"), ACCOUNT));
        String price = null;
        Instant periodEnd = null;
        for (JsonNode line : invoice.path("lines").path("data")) {
            account = first(account, text(line.path("metadata"), ACCOUNT));
            String linePrice = StripeObjects.linePrice(line);
            if (price == null || catalog.byPrice(price).isEmpty() && catalog.byPrice(linePrice).isPresent()) {
                price = first(linePrice, price);
            }
            periodEnd = StripeObjects.later(periodEnd, StripeObjects.epoch(line.path("period"), "end"));
        }
        draft.accountId = account;
        draft.plan = StripeObjects.plan(metadata, price, catalog);
        draft.periodEnd = first(periodEnd, StripeObjects.epoch(invoice, "period_end"));
        draft.amountMinor = number(invoice, amountField);
        draft.currency = text(invoice, "currency");
        return draft.build(type);
    }

    private PaymentEvent subscription(Draft draft, JsonNode subscription, boolean deleted) {
        String status = text(subscription, "status");
        draft.accountId = text(subscription.path("metadata"), ACCOUNT);
        draft.subscriptionId = draft.objectId;
        draft.subscriptionStatus = status;
        draft.plan = StripeObjects.plan(subscription.path("metadata"),
                StripeObjects.subscriptionPrice(subscription, catalog), catalog);
        draft.periodEnd = StripeObjects.subscriptionPeriodEnd(subscription);
        draft.currency = text(subscription, "currency");
        if (deleted || ENDED.contains(status)) {
            return draft.build(Type.SUBSCRIPTION_ENDED);
        }
        return draft.build(StripeObjects.ACTIVE.contains(status) ? Type.SUBSCRIPTION_ACTIVE : Type.PAYMENT_FAILED);
    }

    /**
     * The credits to claw back are the bought credits times the share of the charge refunded so far.
     * {@code amount_refunded} is cumulative, so after two partial refunds the second event carries the
     * total: the core claws back the difference to what it already took for this charge ({@code objectId}).
     */
    private PaymentEvent refund(Draft draft, JsonNode charge) {
        JsonNode metadata = charge.path("metadata");
        long amount = number(charge, "amount");
        long refunded = Math.min(number(charge, "amount_refunded"), amount);
        long bought = StripeObjects.credits(metadata, catalog);
        draft.accountId = text(metadata, ACCOUNT);
        draft.credits = amount <= 0 || refunded <= 0 ? 0 : BigInteger.valueOf(bought)
                .multiply(BigInteger.valueOf(refunded)).divide(BigInteger.valueOf(amount)).longValueExact();
        draft.amountMinor = refunded;
        draft.currency = text(charge, "currency");
        return draft.build(Type.REFUNDED);
    }

    /** The event's fields as they are found; built once the type is known. */
    private static final class Draft {
        private final String eventId;
        private final Instant occurredAt;
        private final String objectId;
        private final String customerId;
        private String accountId;
        private String subscriptionId;
        private String plan;
        private String subscriptionStatus;
        private long credits;
        private long amountMinor;
        private String currency;
        private Instant periodEnd;

        Draft(String eventId, Instant occurredAt, String objectId, String customerId) {
            this.eventId = eventId;
            this.occurredAt = occurredAt;
            this.objectId = objectId;
            this.customerId = customerId;
        }

        PaymentEvent build(Type type) {
            return new PaymentEvent(eventId, type, accountId, customerId, subscriptionId, plan, subscriptionStatus,
                    credits, amountMinor, currency, periodEnd, occurredAt, objectId);
        }
    }
}
