package org.aisora.api.payment;

import java.time.Instant;

/**
 * A verified webhook event, normalised. {@code eventId} is the processor's event id: the core records
 * it in the same transaction as the event's effect, so a redelivery changes nothing.
 *
 * @param accountId  our account, from the metadata we put on the checkout (null when not ours)
 * @param credits    credits bought (CREDITS_PURCHASED), to claw back (REFUNDED), or the disputed share of a
 *                   pack (DISPUTE_*: the pack's credits times disputed amount / charge amount), else 0
 * @param plan       the plan a subscription grants (SUBSCRIPTION_*), else null
 * @param periodEnd  end of the paid period for subscriptions, else null
 * @param objectId   the processor object the event is about (checkout session, invoice, subscription, charge,
 *                   dispute)
 */
public record PaymentEvent(String eventId, Type type, String accountId, String customerId, String subscriptionId,
                           String plan, String subscriptionStatus, long credits, long amountMinor, String currency,
                           Instant periodEnd, Instant occurredAt, String objectId) {
    public enum Type {
        /** A credit pack was paid for. */
        CREDITS_PURCHASED,
        /** A subscription is (still) active: created, or updated to a paying state. */
        SUBSCRIPTION_ACTIVE,
        /** A subscription period was paid (Stripe invoice.paid): active, and the plan's credits for the period are granted once per invoice. */
        SUBSCRIPTION_RENEWED,
        /** A renewal payment failed; the subscription may still be active during retries. */
        PAYMENT_FAILED,
        /** A subscription ended or was canceled: back to the free plan. */
        SUBSCRIPTION_ENDED,
        /** A charge was refunded: unspent purchased credits are clawed back. */
        REFUNDED,
        /**
         * A dispute (chargeback or inquiry) of a pack's charge is open: its unspent credits are held. The
         * processor names the dispute in {@code objectId}. A dispute's state only moves forward (open, then
         * won or lost), so the core ignores an event older than what it has applied for the dispute.
         */
        DISPUTE_OPENED,
        /** The dispute closed in the seller's favour (or the inquiry closed): held credits are returned. */
        DISPUTE_WON,
        /** The dispute was lost: the credits are clawed back (those held, or what is unspent if none were). */
        DISPUTE_LOST,
        /** An event of a type the platform does not act on; recorded so it is not processed twice. */
        IGNORED
    }
}
