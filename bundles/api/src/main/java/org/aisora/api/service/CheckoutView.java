package org.aisora.api.service;

/** Where to send the user to pay. */
public record CheckoutView(String checkoutUrl, String sessionId, String processor) {
}
