package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.StripeObjects.ACCOUNT;
import static org.aisora.payments.stripe.internal.StripeObjects.first;
import static org.aisora.payments.stripe.internal.StripeObjects.number;
import static org.aisora.payments.stripe.internal.StripeObjects.text;

import com.google.gson.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentEvent.Type;
import org.aisora.api.payment.PaymentException;

/**
 * A verified Stripe event as the platform's {@link PaymentEvent}. Our account id travels in the metadata we
 * set at checkout (session, payment intent and subscription), so every event we act on carries it; a
 * dispute carries only its charge, which is read from Stripe for it.
 */
final class StripeEvents {
    private static final Set<String> ENDED = Set.of("canceled", "unpaid", "incomplete_expired");
    private static final Set<String> DISPUTE_WON = Set.of("won", "warning_closed", "prevented");

    /** A charge as a dispute needs it: our metadata, its amount and customer. */
    record Charge(String accountId, String storedCredits, long amount, String customerId) {
    }

    /** Reads a charge from Stripe; empty when Stripe has none by that id. */
    @FunctionalInterface
    interface Charges {
        Optional<Charge> read(String chargeId) throws PaymentException;
    }

    private final ProductCatalog catalog;
    private final Charges charges;

    StripeEvents(ProductCatalog catalog, Charges charges) {
        this.catalog = catalog;
        this.charges = charges;
    }

    /** The event's envelope as stripe-java read it, and its {@code data.object} as Stripe sent it. */
    PaymentEvent normalise(String id, String type, Long created, JsonObject object) throws PaymentException {
        if (id == null || id.isBlank() || type == null || type.isBlank() || object == null) {
            throw new PaymentException(StripeCalls.ERROR, "the Stripe event has no id, type or data.object");
        }
        Draft draft = new Draft(id, created == null || created <= 0 ? null : Instant.ofEpochSecond(created),
                text(object, "id"), text(object, "customer"));
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(draft, object);
            case "invoice.paid" -> invoice(draft, object, Type.SUBSCRIPTION_RENEWED, "amount_paid");
            case "invoice.payment_failed" -> invoice(draft, object, Type.PAYMENT_FAILED, "amount_due");
            case "customer.subscription.updated" -> subscription(draft, object, false);
            case "customer.subscription.deleted" -> subscription(draft, object, true);
            case "charge.refunded" -> refund(draft, object);
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
                 "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated" -> dispute(draft, object);
            default -> draft.build(Type.IGNORED);
        };
    }

    /** Paid credit packs and new subscriptions; a session still waiting for a delayed payment grants nothing. */
    private PaymentEvent checkout(Draft draft, JsonObject session) {
        JsonObject metadata = StripeObjects.object(session, "metadata");
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
    private PaymentEvent invoice(Draft draft, JsonObject invoice, Type type, String amountField) {
        draft.subscriptionId = StripeObjects.invoiceSubscription(invoice);
        if (draft.subscriptionId == null) {
            return draft.build(Type.IGNORED);
        }
        JsonObject metadata = StripeObjects.invoiceSubscriptionMetadata(invoice);
        String account = first(text(metadata, ACCOUNT), text(StripeObjects.object(invoice, "metadata"), ACCOUNT));
        String price = null;
        Instant periodEnd = null;
        for (JsonObject line : StripeObjects.data(StripeObjects.object(invoice, "lines"))) {
            account = first(account, text(StripeObjects.object(line, "metadata"), ACCOUNT));
            String linePrice = StripeObjects.linePrice(line);
            if (price == null || catalog.byPrice(price).isEmpty() && catalog.byPrice(linePrice).isPresent()) {
                price = first(linePrice, price);
            }
            periodEnd = StripeObjects.later(periodEnd, StripeObjects.epoch(StripeObjects.object(line, "period"), "end"));
        }
        draft.accountId = account;
        draft.plan = StripeObjects.plan(metadata, price, catalog);
        draft.periodEnd = first(periodEnd, StripeObjects.epoch(invoice, "period_end"));
        draft.amountMinor = number(invoice, amountField);
        draft.currency = text(invoice, "currency");
        return draft.build(type);
    }

    private PaymentEvent subscription(Draft draft, JsonObject subscription, boolean deleted) {
        String status = text(subscription, "status");
        JsonObject metadata = StripeObjects.object(subscription, "metadata");
        draft.accountId = text(metadata, ACCOUNT);
        draft.subscriptionId = draft.objectId;
        draft.subscriptionStatus = status;
        draft.plan = StripeObjects.plan(metadata, StripeObjects.subscriptionPrice(subscription, catalog), catalog);
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
    private PaymentEvent refund(Draft draft, JsonObject charge) {
        JsonObject metadata = StripeObjects.object(charge, "metadata");
        long amount = number(charge, "amount");
        long refunded = Math.min(number(charge, "amount_refunded"), amount);
        long bought = StripeObjects.credits(metadata, catalog);
        draft.accountId = text(metadata, ACCOUNT);
        draft.credits = share(bought, refunded, amount);
        draft.amountMinor = refunded;
        draft.currency = text(charge, "currency");
        return draft.build(Type.REFUNDED);
    }

    /**
     * A dispute's type follows its status; its account and pack are on its charge, read from Stripe (the
     * dispute object carries neither). The credits are the pack's share of the charge that is disputed.
     * A charge that cannot be read now is {@code processor_unavailable}: the core answers 503 and Stripe
     * delivers the event again.
     */
    private PaymentEvent dispute(Draft draft, JsonObject dispute) throws PaymentException {
        String status = text(dispute, "status");
        Type type = DISPUTE_WON.contains(status) ? Type.DISPUTE_WON
                : "lost".equals(status) ? Type.DISPUTE_LOST : Type.DISPUTE_OPENED;
        long disputed = Math.max(number(dispute, "amount"), 0);
        draft.amountMinor = disputed;
        draft.currency = text(dispute, "currency");
        String chargeId = text(dispute, "charge");
        Optional<Charge> charge = chargeId == null ? Optional.empty() : charges.read(chargeId);
        if (charge.isPresent()) {
            Charge c = charge.get();
            draft.accountId = c.accountId();
            draft.customerId = c.customerId();
            draft.credits = share(StripeObjects.storedCredits(c.storedCredits()), Math.min(disputed, c.amount()),
                    c.amount());
        }
        return draft.build(type);
    }

    /** {@code credits x part / whole}, rounded down; 0 when either is not positive. */
    private static long share(long credits, long part, long whole) {
        return whole <= 0 || part <= 0 || credits <= 0 ? 0 : BigInteger.valueOf(credits)
                .multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValueExact();
    }

    /** The event's fields as they are found; built once the type is known. */
    private static final class Draft {
        private final String eventId;
        private final Instant occurredAt;
        private final String objectId;
        private String customerId;
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
