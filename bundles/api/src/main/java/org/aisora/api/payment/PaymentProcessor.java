package org.aisora.api.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way for money (or an operator's decision) to become credits. Processors that sell (Stripe) offer
 * products, checkout, a customer portal and verified webhooks; the manual processor only grants.
 */
@ConsumerType
public interface PaymentProcessor extends Plugin {
    PaymentCapabilities capabilities();

    /** What this processor sells. */
    default List<Product> products() {
        return List.of();
    }

    default CheckoutSession checkout(CheckoutRequest request) throws PaymentException {
        throw new PaymentException("unsupported", id() + " has no checkout");
    }

    /** A customer-portal URL where the user manages payment methods and details (never stored by us). */
    default String portal(String customerId, String returnUrl) throws PaymentException {
        throw new PaymentException("unsupported", id() + " has no customer portal");
    }

    /**
     * Verifies a webhook over its raw body and headers and normalises it.
     *
     * @throws PaymentException {@code invalid_signature} when it is not a genuine, fresh event
     */
    default PaymentEvent verifyWebhook(byte[] rawBody, Map<String, String> headers) throws PaymentException {
        throw new PaymentException("unsupported", id() + " has no webhooks");
    }

    /** The subscription as the processor has it now, for events whose order matters. */
    default Optional<SubscriptionState> subscription(String subscriptionId) throws PaymentException {
        return Optional.empty();
    }

    /**
     * Ends billing for an account being erased: cancels every live subscription of the customer at once
     * (no proration, no final invoice) and deletes the customer record at the processor. Idempotent: a
     * subscription already canceled, or a customer already deleted or unknown, counts as done, so the core
     * can retry the whole step after any failure.
     *
     * @param idempotencyKey stored by the core before the first try; the same on every retry
     * @throws PaymentException {@code processor_unavailable} when it should be retried later
     */
    default BillingClosure closeCustomer(String customerId, String idempotencyKey) throws PaymentException {
        throw new PaymentException("unsupported", id() + " keeps no customers to close");
    }
}
