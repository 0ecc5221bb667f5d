package org.aisora.api.payment;

/**
 * One checkout the core asks for. {@code customerId} is the processor's customer for this account when
 * one exists (created once and reused), else null. {@code idempotencyKey} was stored by the core before
 * the call, so a retried checkout never creates a second session or customer.
 */
public record CheckoutRequest(String accountId, String email, String customerId, Product product,
                              String idempotencyKey) {
}
