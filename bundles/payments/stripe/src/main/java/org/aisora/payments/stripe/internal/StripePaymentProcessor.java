package org.aisora.payments.stripe.internal;

import com.google.gson.JsonObject;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
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
    /** Stripe object ids (cus_..., sub_..., ch_...): they go into a URL path, so nothing else is let through. */
    static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");
    /** Stripe allows 255 characters; we derive the customer's key by appending to the checkout's. */
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final StripeSettings settings;
    private final StripeCalls calls;
    private final WebhookSignature signature;
    private final StripeEvents events;
    private final CustomerClosing closing;
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
        this.calls = settings.fatal() != null ? null : new StripeCalls(settings, () -> keyRefused = true);
        this.signature = new WebhookSignature(settings.webhookSecrets(), clock);
        this.events = new StripeEvents(settings.catalog(), this::charge);
        this.closing = calls == null ? null : new CustomerClosing(calls);
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
            throw new PaymentException(StripeCalls.ERROR, "Stripe checkout is not available: " + blocker);
        }
        Product product = settings.catalog().byId(request.product() == null ? null : request.product().id())
                .orElseThrow(() -> new PaymentException("unknown_product", "Stripe does not sell "
                        + (request.product() == null ? "that" : "'" + request.product().id() + "'")));
        String key = request.idempotencyKey();
        if (blank(key) || key.length() > MAX_IDEMPOTENCY_KEY || blank(request.accountId())) {
            throw new PaymentException(StripeCalls.ERROR, "a checkout needs an account and an idempotency key of at most "
                    + MAX_IDEMPOTENCY_KEY + " characters");
        }
        String customer = blank(request.customerId()) ? createCustomer(request, key) : request.customerId();
        String account = request.accountId();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(product.isSubscription() ? SessionCreateParams.Mode.SUBSCRIPTION
                        : SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customer)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(product.externalPriceId())
                        .setQuantity(1L).build())
                .setSuccessUrl(settings.successUrl())
                .setCancelUrl(settings.cancelUrl())
                .setClientReferenceId(account)
                .putMetadata(StripeObjects.ACCOUNT, account)
                .putMetadata(StripeObjects.PRODUCT, product.id());
        if (product.isSubscription()) {
            params.putMetadata(StripeObjects.PLAN, product.plan())
                    .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                            .putMetadata(StripeObjects.ACCOUNT, account)
                            .putMetadata(StripeObjects.PRODUCT, product.id())
                            .putMetadata(StripeObjects.PLAN, product.plan()).build());
        } else {
            // the charge inherits the payment intent's metadata: a refund or dispute can then be traced to the pack
            String credits = Long.toString(product.credits());
            params.putMetadata(StripeObjects.CREDITS, credits)
                    .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                            .putMetadata(StripeObjects.ACCOUNT, account)
                            .putMetadata(StripeObjects.PRODUCT, product.id())
                            .putMetadata(StripeObjects.CREDITS, credits).build());
        }
        com.stripe.model.checkout.Session session = calls.call(client -> client.checkout().sessions()
                .create(params.build(), calls.options(key)));
        if (blank(session.getId()) || blank(session.getUrl())) {
            throw new PaymentException(StripeCalls.ERROR, "Stripe's checkout session has no id or url");
        }
        return new CheckoutSession(session.getId(), session.getUrl(), customer);
    }

    @Override
    public String portal(String customerId, String returnUrl) throws PaymentException {
        usable();
        String back = blank(returnUrl) ? settings.portalReturnUrl() : returnUrl.trim();
        if (blank(customerId) || !OBJECT_ID.matcher(customerId).matches()) {
            throw new PaymentException(StripeCalls.ERROR, "no Stripe customer to open the portal for");
        }
        if (!back.startsWith("https://") && !back.startsWith("http://")) {
            throw new PaymentException(StripeCalls.ERROR, "the portal needs an absolute return URL (portal.return.url)");
        }
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(back).build();
        String url = calls.call(client -> client.billingPortal().sessions().create(params, calls.options(null)))
                .getUrl();
        if (blank(url)) {
            throw new PaymentException(StripeCalls.ERROR, "Stripe's portal session has no url");
        }
        return url;
    }

    /**
     * Verified over the exact bytes received: a body parsed and re-serialised would no longer match. The
     * event's object is read from its raw JSON: stripe-java's typed object is empty when the endpoint's
     * API version is not the one it is built for.
     */
    @Override
    public PaymentEvent verifyWebhook(byte[] rawBody, Map<String, String> headers) throws PaymentException {
        if (rawBody == null || rawBody.length == 0 || rawBody.length > MAX_WEBHOOK_BYTES) {
            throw new PaymentException(WebhookSignature.INVALID, "the body is empty or too large to be a Stripe event");
        }
        Event event = signature.verify(rawBody, headers);
        JsonObject data = StripeObjects.object(event.getRawJsonObject(), "data");
        JsonObject object = data.has("object") && data.get("object").isJsonObject() ? data.getAsJsonObject("object")
                : null;
        return events.normalise(event.getId(), event.getType(), event.getCreated(), object);
    }

    @Override
    public Optional<SubscriptionState> subscription(String subscriptionId) throws PaymentException {
        usable();
        if (blank(subscriptionId) || !OBJECT_ID.matcher(subscriptionId).matches()) {
            return Optional.empty();
        }
        Optional<Subscription> found = calls.callUnlessMissing(client -> client.subscriptions()
                .retrieve(subscriptionId, calls.options(null)), false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // read from the raw JSON in both shapes: a configured api.version may predate stripe-java's models
        JsonObject sub = found.get().getRawJsonObject();
        JsonObject metadata = StripeObjects.object(sub, "metadata");
        String status = StripeObjects.text(sub, "status");
        return Optional.of(new SubscriptionState(subscriptionId, StripeObjects.text(sub, "customer"),
                StripeObjects.text(metadata, StripeObjects.ACCOUNT),
                StripeObjects.plan(metadata, StripeObjects.subscriptionPrice(sub, settings.catalog()), settings.catalog()),
                status, StripeObjects.subscriptionPeriodEnd(sub), StripeObjects.ACTIVE.contains(status)));
    }

    /**
     * Cancels the customer's live subscriptions at once and deletes the customer, under idempotency keys
     * derived from the core's, so the core can repeat the whole step after any failure.
     */
    @Override
    public BillingClosure closeCustomer(String customerId, String idempotencyKey) throws PaymentException {
        usable();
        if (blank(customerId) || !OBJECT_ID.matcher(customerId).matches()) {
            throw new PaymentException(StripeCalls.ERROR, "no Stripe customer to close");
        }
        if (blank(idempotencyKey) || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
            throw new PaymentException(StripeCalls.ERROR, "closing a customer needs an idempotency key of at most "
                    + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return closing.close(customerId, idempotencyKey);
    }

    /** A disputed charge; empty when Stripe has none by that id (the dispute is then not ours). */
    private Optional<StripeEvents.Charge> charge(String chargeId) throws PaymentException {
        usable();
        if (!OBJECT_ID.matcher(chargeId).matches()) {
            return Optional.empty();
        }
        Optional<Charge> charge = calls.callUnlessMissing(client -> client.charges().retrieve(chargeId,
                calls.options(null)), false);
        return charge.map(c -> {
            Map<String, String> metadata = c.getMetadata() == null ? Map.of() : c.getMetadata();
            return new StripeEvents.Charge(metadata.get(StripeObjects.ACCOUNT), metadata.get(StripeObjects.CREDITS),
                    c.getAmount() == null ? 0 : c.getAmount(), c.getCustomer());
        });
    }

    private String createCustomer(CheckoutRequest request, String key) throws PaymentException {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .putMetadata(StripeObjects.ACCOUNT, request.accountId());
        if (!blank(request.email())) {
            params.setEmail(request.email());
        }
        Customer customer = calls.call(client -> client.customers().create(params.build(),
                calls.options(key + "-customer")));
        if (blank(customer.getId())) {
            throw new PaymentException(StripeCalls.ERROR, "Stripe's new customer has no id");
        }
        return customer.getId();
    }

    private void usable() throws PaymentException {
        if (settings.fatal() != null) {
            throw new PaymentException(StripeCalls.ERROR, "Stripe is not available: " + settings.fatal());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
