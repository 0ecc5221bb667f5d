package org.aisora.api.payment;

/** Where to send the user to pay, and the processor's customer the session belongs to. */
public record CheckoutSession(String sessionId, String url, String customerId) {
}
