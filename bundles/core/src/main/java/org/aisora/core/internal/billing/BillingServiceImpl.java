package org.aisora.core.internal.billing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToIntBiFunction;
import java.util.function.ToLongFunction;
import org.aisora.api.error.AisoraException;
import org.aisora.api.payment.CheckoutRequest;
import org.aisora.api.payment.CheckoutSession;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.payment.Product;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.service.BillingService;
import org.aisora.api.service.Caller;
import org.aisora.api.service.CheckoutView;
import org.aisora.api.service.PlanView;
import org.aisora.api.service.ProductView;
import org.aisora.api.service.SubscriptionView;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.core.internal.accounts.EmailVerifications;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.retention.RetentionTerms;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Checkout, portal, webhooks and the caller's subscription; the effects of events live in EventApplier. */
@Component(service = BillingService.class)
public final class BillingServiceImpl implements BillingService {
    private final BillingStore billing;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final EventApplier events;
    private final Supplier<PlanCatalog> plans;
    private final Clock clock;
    /** Told after an event was applied: plan changes and dunning (re-derived expiries and notices). */
    private final Effects effects;

    /** What the rest of the core does after an event. */
    interface Effects {
        /** Whether plan {@code to} keeps media for less time than plan {@code from}. */
        boolean shorter(String to, String from);

        void planChanged(String accountId, String from, String to);

        void eventApplied(String accountId);
    }

    @Activate
    public BillingServiceImpl(@Reference BillingStore billing, @Reference AccountStore accounts,
                              @Reference PluginRegistry registry, @Reference Dunning dunning,
                              @Reference Plans plans) {
        this(billing, accounts, registry, dunning, plans::catalog, dunning::grace, Clock.systemUTC());
    }

    /**
     * Without dunning notices, with the default grace of a subscription past due or paused.
     *
     * @param planChanged told (account id, new plan) after an event changed an account's plan
     * @param plans       the plans in force, asked at each use (an edit applies at once)
     */
    public BillingServiceImpl(BillingStore billing, AccountStore accounts, PluginRegistry registry,
                              ToIntBiFunction<String, String> planChanged, Supplier<PlanCatalog> plans, Clock clock) {
        this(billing, accounts, registry, new Effects() {
            @Override
            public boolean shorter(String to, String from) {
                PlanCatalog catalog = plans.get();
                return catalog.forAccount(to).retentionDays() < catalog.forAccount(from).retentionDays();
            }

            @Override
            public void planChanged(String accountId, String from, String to) {
                planChanged.applyAsInt(accountId, to);
            }

            @Override
            public void eventApplied(String accountId) {
            }
        }, plans, () -> Duration.ofDays(14), clock);
    }

    /** For tests: billing with its dunning (grace, expiries and notices) as the component has it. */
    public static BillingServiceImpl withDunning(BillingStore billing, AccountStore accounts, PluginRegistry registry,
                                                 Dunning dunning, Supplier<PlanCatalog> plans, Clock clock) {
        return new BillingServiceImpl(billing, accounts, registry, dunning, plans, dunning::grace, clock);
    }

    private BillingServiceImpl(BillingStore billing, AccountStore accounts, PluginRegistry registry, Effects effects,
                               Supplier<PlanCatalog> plans, Supplier<Duration> dunningGrace, Clock clock) {
        this.effects = effects;
        this.plans = plans;
        this.billing = billing;
        this.accounts = accounts;
        this.registry = registry;
        this.clock = clock;
        ToLongFunction<String> monthlyCredits = plan -> plans.get().find(plan).map(p -> p.monthlyCredits()).orElse(0L);
        this.events = new EventApplier(billing, accounts, monthlyCredits, dunningGrace, effects::shorter, clock);
    }

    @Override
    public List<PlanView> plans() {
        // the active retention policy decides how long media are kept, not the plan line: one source of truth
        Optional<RetentionPolicy> policy = registry.retentionPolicy();
        return plans.get().plans().values().stream().map(p -> {
            long hours = policy.map(r -> r.retention(p.id(), ArtifactKind.ORIGINAL_UPLOAD).toHours())
                    .orElse(p.retentionDays() * 24L);
            return new PlanView(p.id(), p.monthlyCredits(), (int) Math.max(1, (hours + 23) / 24),
                    p.maxConcurrentJobs(), p.requestsPerMinute(), p.maxVideoSeconds(), p.maxUploadBytes(),
                    p.maxStorageBytes(), hours);
        }).toList();
    }

    /** The highest-ranked processor that sells. */
    private PaymentProcessor seller() {
        return registry.families().payments.ranked().stream()
                .filter(p -> p.capabilities().checkout())
                .findFirst()
                .orElseThrow(() -> new AisoraException(AisoraException.Kind.UNAVAILABLE, "payments_unavailable",
                        "no payment processor offers checkout now"));
    }

    @Override
    public List<ProductView> products() {
        return registry.families().payments.ranked().stream().filter(p -> p.capabilities().checkout()).findFirst()
                .map(p -> p.products().stream().map(BillingServiceImpl::view).toList()).orElse(List.of());
    }

    private static ProductView view(Product p) {
        return new ProductView(p.id(), p.name(), p.credits(), p.plan(), p.amountMinor(), p.currency());
    }

    @Override
    public CheckoutView checkout(Caller caller, String productId, String idempotencyKey) {
        PaymentProcessor processor = seller();
        Product product = processor.products().stream().filter(p -> p.id().equals(productId)).findFirst()
                .orElseThrow(() -> AisoraException.unprocessable("unknown_product", "no product '" + productId + "'"));
        AccountRecord account = accounts.findById(caller.accountId()).orElseThrow(() -> AisoraException.notFound("account"));
        EmailVerifications.requireVerified(account);
        String key = "checkout:" + caller.accountId() + ":" + (idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString() : idempotencyKey.strip());
        if (key.length() > 100) {
            throw AisoraException.badRequest("invalid_idempotency_key", "Idempotency-Key is too long");
        }
        // the key is stored before the processor is called: a retry reuses it and creates nothing twice
        CheckoutRecord stored = billing.reserveCheckout(new CheckoutRecord(key, caller.accountId(), processor.id(),
                product.id(), null, null, clock.instant()));
        if (!stored.productId().equals(product.id()) || !stored.accountId().equals(caller.accountId())) {
            throw AisoraException.conflict("idempotency_key_reused", "this Idempotency-Key was used for another checkout");
        }
        if (stored.url() != null) {
            return new CheckoutView(stored.url(), stored.sessionId(), stored.processor());
        }
        String customer = billing.customerId(caller.accountId(), processor.id()).orElse(null);
        CheckoutSession session;
        try {
            registry.thirdParties().sent(caller.accountId(), PluginFamily.PAYMENT, processor);
            session = processor.checkout(new CheckoutRequest(caller.accountId(), account.email(), customer, product, key));
        } catch (PaymentException e) {
            throw Payments.failure(e);
        }
        if (session.customerId() != null) {
            billing.saveCustomer(caller.accountId(), processor.id(), session.customerId(), clock.instant());
        }
        billing.completeCheckout(key, session.sessionId(), session.url());
        return new CheckoutView(session.url(), session.sessionId(), processor.id());
    }

    @Override
    public String portal(Caller caller) {
        PaymentProcessor processor = seller();
        String customer = billing.customerId(caller.accountId(), processor.id()).orElseThrow(() ->
                AisoraException.unprocessable("no_customer", "there is nothing to manage before a first checkout"));
        try {
            return processor.portal(customer, null);
        } catch (PaymentException e) {
            throw Payments.failure(e);
        }
    }

    @Override
    public void webhook(String processorId, byte[] rawBody, Map<String, String> headers) {
        PaymentProcessor processor = registry.families().payments.get(processorId)
                .orElseThrow(() -> AisoraException.notFound("payment processor"));
        PaymentEvent event;
        try {
            event = processor.verifyWebhook(rawBody, headers);
        } catch (PaymentException e) {
            throw Payments.failure(e);
        }
        applyEvent(processor, event);
    }

    /** Applies an event; when it changed the account's plan, the account's expiries follow the new plan now. */
    private void applyEvent(PaymentProcessor processor, PaymentEvent event) {
        String account = event.accountId();
        Optional<String> before = account == null ? Optional.empty() : accounts.findById(account).map(AccountRecord::plan);
        if (events.apply(processor, event) && before.isPresent()) {
            accounts.findById(account).map(AccountRecord::plan).filter(after -> !after.equals(before.get()))
                    .ifPresent(after -> effects.planChanged(account, before.get(), after));
            effects.eventApplied(account);
        }
    }

    @Override
    public SubscriptionView confirmCheckout(String sessionId) {
        PaymentProcessor manual = registry.families().payments.get("manual")
                .orElseThrow(() -> AisoraException.unprocessable("processor_unavailable", "the manual processor is not installed"));
        CheckoutRecord checkout = billing.checkoutBySession(manual.id(), sessionId == null ? "" : sessionId.trim())
                .orElseThrow(() -> AisoraException.notFound("checkout"));
        Product product = manual.products().stream().filter(p -> p.id().equals(checkout.productId())).findFirst()
                .orElseThrow(() -> AisoraException.unprocessable("unknown_product",
                        "the product of this checkout is no longer offered"));
        java.time.Instant now = clock.instant();
        // the confirmation is an event like a processor's: applied once, whatever the operator retries
        PaymentEvent event = product.isSubscription()
                ? new PaymentEvent("confirm:" + checkout.sessionId(), PaymentEvent.Type.SUBSCRIPTION_RENEWED,
                        checkout.accountId(), null, checkout.sessionId(), product.plan(), "active", 0, 0, null, null, now,
                        checkout.sessionId())
                : new PaymentEvent("confirm:" + checkout.sessionId(), PaymentEvent.Type.CREDITS_PURCHASED,
                        checkout.accountId(), null, null, null, null, product.credits(), 0, null, null, now,
                        checkout.sessionId());
        applyEvent(manual, event);
        AccountRecord account = accounts.findById(checkout.accountId()).orElseThrow(() -> AisoraException.notFound("account"));
        return new SubscriptionView(account.id(), account.plan(), product.isSubscription() ? "active" : null,
                manual.id(), null, RetentionTerms.of(registry.retentionPolicy(), account.plan()));
    }

    @Override
    public List<SubscriptionView> subscriptions(int limit) {
        return billing.subscriptions(Math.min(Math.max(1, limit), 1000)).stream()
                .map(r -> new SubscriptionView(r.accountId(), r.plan(), r.status(), r.processor(), r.periodEnd())).toList();
    }

    @Override
    public SubscriptionView subscription(Caller caller) {
        AccountRecord account = accounts.findById(caller.accountId()).orElseThrow(() -> AisoraException.notFound("account"));
        Optional<org.aisora.api.store.SubscriptionRecord> s = billing.subscription(caller.accountId());
        return new SubscriptionView(account.id(), account.plan(), s.map(r -> r.status()).orElse(null),
                s.map(r -> r.processor()).orElse(null), s.map(r -> r.periodEnd()).orElse(null),
                RetentionTerms.of(registry.retentionPolicy(), account.plan()));
    }
}
