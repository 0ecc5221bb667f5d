package org.aisora.payments.stripe.internal;

import static org.aisora.payments.stripe.internal.StripeObjects.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aisora.api.payment.BillingClosure;
import org.aisora.api.payment.CheckoutRequest;
import org.aisora.api.payment.CheckoutSession;
import org.aisora.api.payment.PaymentCapabilities;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.payment.Product;
import org.aisora.api.payment.SubscriptionState;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Credit packs and plan subscriptions sold through Stripe Checkout, managed in Stripe's customer portal,
 * and confirmed only by signed webhooks: nothing is granted on the user's return to success.url.
 * There is deliberately no {@code @Modified}: a changed configuration gives a new instance, so the key,
 * the secrets and a remembered key refusal start afresh together.
 */
@Component(name = StripeConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PaymentProcessor.class)
@Designate(ocd = StripeConfig.class)
public final class StripePaymentProcessor implements PaymentProcessor {
    static final String ID = "stripe";
    private static final PaymentCapabilities CAPABILITIES = new PaymentCapabilities(true, false);
    /** Stripe's events are kilobytes; a body this large is not one, and is refused before any work. */
    private static final int MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;
    /** Stripe object ids (cus_..., sub_...): they go into a URL path, so nothing else is let through. */
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");
    /** Stripe allows 255 characters; we derive the customer's key by appending to the checkout's. */
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final StripeSettings settings;
    private final StripeApi api;
    private final WebhookSignature signature;
    private final StripeEvents events;
    /** What a checkout hands Stripe, and what Stripe's privacy policy states it keeps. */
    static final DataTransfer TRANSFER = new DataTransfer("Stripe", "payment processing: checkout, subscriptions"
            + " and the customer portal", List.of("e-mail address", "account id", "purchases",
            "payment details (entered at Stripe, never seen by us)"), "as long as needed to provide its services"
            + " and as financial and tax law requires (Stripe privacy policy)");

    private volatile boolean keyRefused;

    @Activate
    public StripePaymentProcessor(StripeConfig config) {
        this(StripeSettings.of(config), Clock.systemUTC());
    }

    StripePaymentProcessor(StripeSettings settings, Clock clock) {
        this.settings = settings;
        this.api = settings.fatal() != null ? null : new StripeApi(settings, clock, () -> keyRefused = true);
        this.signature = new WebhookSignature(settings.webhookSecrets(), clock);
        this.events = new StripeEvents(settings.catalog());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<DataTransfer> dataTransfer() {
        return Optional.of(TRANSFER);
    }

    @Override
    public PluginHealth health() {
        if (settings.fatal() != null) {
            return PluginHealth.offline(settings.fatal());
        }
        if (keyRefused) {
            return PluginHealth.offline("secret key refused");
        }
        return settings.problems().isEmpty() ? PluginHealth.online()
                : PluginHealth.degraded(String.join("; ", settings.problems()));
    }

    @Override
    public PaymentCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<Product> products() {
        return settings.catalog().products();
    }

    /**
     * Creates the Stripe customer once (when the core has none for the account) and a Checkout session,
     * both under idempotency keys derived from the core's, so a retried checkout returns the same ones.
     */
    @Override
    public CheckoutSession checkout(CheckoutRequest request) throws PaymentException {
        String blocker = settings.checkoutBlocker();
        if (blocker != null) {
            throw new PaymentException(StripeApi.ERROR, "Stripe checkout is not available: " + blocker);
        }
        Product product = settings.catalog().byId(request.product() == null ? null : request.product().id())
                .orElseThrow(() -> new PaymentException("unknown_product", "Stripe does not sell "
                        + (request.product() == null ? "that" : "'" + request.product().id() + "'")));
        String key = request.idempotencyKey();
        if (blank(key) || key.length() > MAX_IDEMPOTENCY_KEY || blank(request.accountId())) {
            throw new PaymentException(StripeApi.ERROR, "a checkout needs an account and an idempotency key of at most "
                    + MAX_IDEMPOTENCY_KEY + " characters");
        }
        String customer = blank(request.customerId()) ? createCustomer(request, key) : request.customerId();
        String account = request.accountId();
        Form form = new Form().add("mode", product.isSubscription() ? "subscription" : "payment")
                .add("customer", customer)
                .add("line_items[0][price]", product.externalPriceId())
                .add("line_items[0][quantity]", "1")
                .add("success_url", settings.successUrl())
                .add("cancel_url", settings.cancelUrl())
                .add("client_reference_id", account)
                .add("metadata[account_id]", account)
                .add("metadata[product]", product.id());
        if (product.isSubscription()) {
            form.add("metadata[plan]", product.plan())
                    .add("subscription_data[metadata][account_id]", account)
                    .add("subscription_data[metadata][product]", product.id())
                    .add("subscription_data[metadata][plan]", product.plan());
        } else {
            // the charge inherits the payment intent's metadata: a refund event can then be traced to the pack
            String credits = Long.toString(product.credits());
            form.add("metadata[credits]", credits)
                    .add("payment_intent_data[metadata][account_id]", account)
                    .add("payment_intent_data[metadata][product]", product.id())
                    .add("payment_intent_data[metadata][credits]", credits);
        }
        JsonNode session = api.post("/v1/checkout/sessions", form, key);
        String id = text(session, "id");
        String url = text(session, "url");
        if (id == null || url == null) {
            throw new PaymentException(StripeApi.ERROR, "Stripe's checkout session has no id or url");
        }
        return new CheckoutSession(id, url, customer);
    }

    @Override
    public String portal(String customerId, String returnUrl) throws PaymentException {
        usable();
        String back = blank(returnUrl) ? settings.portalReturnUrl() : returnUrl.trim();
        if (blank(customerId) || !OBJECT_ID.matcher(customerId).matches()) {
            throw new PaymentException(StripeApi.ERROR, "no Stripe customer to open the portal for");
        }
        if (!back.startsWith("https://") && !back.startsWith("http://")) {
            throw new PaymentException(StripeApi.ERROR, "the portal needs an absolute return URL (portal.return.url)");
        }
        JsonNode session = api.post("/v1/billing_portal/sessions",
                new Form().add("customer", customerId).add("return_url", back), null);
        String url = text(session, "url");
        if (url == null) {
            throw new PaymentException(StripeApi.ERROR, "Stripe's portal session has no url");
        }
        return url;
    }

    /** Verified over the exact bytes received: a body parsed and re-serialised would no longer match. */
    @Override
    public PaymentEvent verifyWebhook(byte[] rawBody, Map<String, String> headers) throws PaymentException {
        if (rawBody == null || rawBody.length == 0 || rawBody.length > MAX_WEBHOOK_BYTES) {
            throw new PaymentException(WebhookSignature.INVALID, "the body is empty or too large to be a Stripe event");
        }
        signature.verify(rawBody, headers);
        JsonNode event;
        try {
            event = Json.parse(rawBody);
        } catch (ProviderException e) {
            throw new PaymentException(StripeApi.ERROR, "the signed Stripe event is not JSON");
        }
        if (StripeDisputes.handles(text(event, "type"))) {
            usable();
            return new StripeDisputes(api, settings.catalog()).normalise(event);
        }
        return events.normalise(event);
    }

    @Override
    public BillingClosure closeCustomer(String customerId, String idempotencyKey) throws PaymentException {
        usable();
        return new StripeCustomerClosure(api).close(customerId, idempotencyKey);
    }

    @Override
    public Optional<SubscriptionState> subscription(String subscriptionId) throws PaymentException {
        usable();
        if (blank(subscriptionId) || !OBJECT_ID.matcher(subscriptionId).matches()) {
            return Optional.empty();
        }
        Optional<JsonNode> found = api.get("/v1/subscriptions/" + subscriptionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode sub = found.get();
        JsonNode metadata = sub.path("metadata");
        String status = text(sub, "status");
        return Optional.of(new SubscriptionState(subscriptionId, text(sub, "customer"),
                text(metadata, StripeObjects.ACCOUNT),
                StripeObjects.plan(metadata, StripeObjects.subscriptionPrice(sub, settings.catalog()), settings.catalog()),
                status, StripeObjects.subscriptionPeriodEnd(sub), StripeObjects.ACTIVE.contains(status)));
    }

    private String createCustomer(CheckoutRequest request, String key) throws PaymentException {
        JsonNode customer = api.post("/v1/customers", new Form().add("email", request.email())
                .add("metadata[account_id]", request.accountId()), key + "-customer");
        String id = text(customer, "id");
        if (id == null) {
            throw new PaymentException(StripeApi.ERROR, "Stripe's new customer has no id");
        }
        return id;
    }

    private void usable() throws PaymentException {
        if (settings.fatal() != null) {
            throw new PaymentException(StripeApi.ERROR, "Stripe is not available: " + settings.fatal());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
