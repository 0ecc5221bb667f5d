package org.aisora.payments.stripe.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one Stripe account of the platform: PID {@code org.aisora.payments.stripe}
 * ({@code etc/org.aisora.payments.stripe.cfg}). Secrets are private properties (leading dot) so they never
 * become service properties.
 */
@ObjectClassDefinition(name = "AiSora Stripe payments",
        description = "Credit packs and plan subscriptions through Stripe Checkout, the customer portal and webhooks")
public @interface StripeConfig {
    String PID = "org.aisora.payments.stripe";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Stripe secret key (sk_live_... or a restricted"
            + " rk_... key with customers, checkout sessions, billing portal and subscriptions); blank keeps Stripe OFFLINE")
    String _secret_key() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The webhook endpoint's signing secret (whsec_...)")
    String _webhook_secret() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The previous signing secret while Stripe rolls"
            + " it over (both are accepted); blank when not rotating")
    String _webhook_secret_previous() default "";

    @AttributeDefinition(description = "API root without /v1; change only for a proxy or a test server")
    String api_base() default "https://api.stripe.com";

    @AttributeDefinition(description = "Stripe-Version header for our calls, e.g. 2025-03-31.basil; blank sends the"
            + " version stripe-java is built for (Stripe.API_VERSION). Webhook payloads follow the endpoint's own"
            + " version; both shapes are read")
    String api_version() default "";

    @AttributeDefinition(cardinality = 100, description = "What is sold, one per line: id=credits:CREDITS:PRICE_ID:"
            + "AMOUNT_MINOR:CURRENCY or id=plan:PLAN:PRICE_ID:AMOUNT_MINOR:CURRENCY, optionally :Display name at the"
            + " end, e.g. pack-100=credits:100:price_123:500:usd")
    String[] products() default {};

    @AttributeDefinition(description = "Where Checkout sends the user after paying; may contain {CHECKOUT_SESSION_ID}")
    String success_url() default "";

    @AttributeDefinition(description = "Where Checkout sends the user who gives up")
    String cancel_url() default "";

    @AttributeDefinition(description = "Where the customer portal sends the user back when the caller gives no URL")
    String portal_return_url() default "";

    @AttributeDefinition(description = "Milliseconds to open a connection to Stripe")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Milliseconds for one whole call to Stripe")
    int request_timeout_ms() default 30_000;

    @AttributeDefinition(description = "Higher ranked processors are preferred when several offer checkout")
    int service_ranking() default 0;
}
