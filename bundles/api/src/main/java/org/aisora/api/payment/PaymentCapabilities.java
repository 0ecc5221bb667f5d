package org.aisora.api.payment;

/** What a payment processor offers: self-service checkout, and operator grants. */
public record PaymentCapabilities(boolean checkout, boolean operatorGrants) {
}
