package org.aisora.api.payment;

/**
 * Something a user can buy: a credit pack ({@code credits} > 0, {@code plan} null) or a plan
 * subscription ({@code plan} set). {@code externalPriceId} is the processor's price (Stripe {@code price_...}).
 */
public record Product(String id, String name, long credits, String plan, long amountMinor, String currency,
                      String externalPriceId) {
    public boolean isSubscription() {
        return plan != null;
    }
}
