package org.aisora.api.service;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Buying credits and plans. Checkout and portal go through the highest-ranked payment processor that
 * sells (Stripe when installed, else the manual processor's operator-confirmed checkout); webhooks are
 * verified by the processor they name and applied exactly once.
 */
@ProviderType
public interface BillingService {
    /** Credit packs and plan subscriptions on sale now. */
    List<ProductView> products();

    /** @throws org.aisora.api.error.AisoraException {@code unknown_product} 422, {@code payments_unavailable} 503 */
    CheckoutView checkout(Caller caller, String productId, String idempotencyKey);

    /** A customer-portal URL (payment methods and details are managed there, never by us). */
    String portal(Caller caller);

    /**
     * A processor's webhook, raw. Nothing is written unless it verifies.
     *
     * @throws org.aisora.api.error.AisoraException {@code invalid_signature} 400, {@code unknown_processor} 404
     */
    void webhook(String processorId, byte[] rawBody, Map<String, String> headers);

    /**
     * An operator confirms a local (manual) checkout: its credits or plan are applied exactly once.
     *
     * @return the account's subscription view after the confirmation
     * @throws org.aisora.api.error.AisoraException {@code not_found} for an unknown session
     */
    SubscriptionView confirmCheckout(String sessionId);

    /** Every plan with its limits (free and pro by default). */
    List<PlanView> plans();

    /** Subscriptions, most recently changed first, for operators. */
    List<SubscriptionView> subscriptions(int limit);

    /** The caller's plan and subscription. */
    SubscriptionView subscription(Caller caller);
}
