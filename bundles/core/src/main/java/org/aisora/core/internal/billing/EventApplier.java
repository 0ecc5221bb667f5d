package org.aisora.core.internal.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.aisora.api.error.AisoraException;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.payment.PaymentException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.payment.SubscriptionState;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.LedgerTransaction;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.api.store.SubscriptionRecord;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one verified payment event into its effect, applied with the event's record in one transaction
 * (so a redelivery is a no-op). Ledger keys name the processor's object (checkout session, invoice,
 * charge), so two different events about one purchase still credit it once. Subscription events do not
 * trust their own order: the subscription is re-read from the processor and its current state applied,
 * so shuffled deliveries converge on what the processor has. A subscription past due or paused keeps its plan for
 * the dunning grace (see {@link Dunning}); {@code incomplete} (a first payment never made) grants nothing.
 */
final class EventApplier {
    static final String FREE = "free";
    /** A renewal failed (or a trial ended unpaid): the paid plan stays for the dunning grace. */
    static final Set<String> DUNNING = Set.of("past_due", "paused");
    private static final Logger LOG = LoggerFactory.getLogger(EventApplier.class);

    private final BillingStore billing;
    private final AccountStore accounts;
    private final ToLongFunction<String> monthlyCredits;
    private final Clock clock;
    private final Supplier<Duration> dunningGrace;
    /** (to, from): whether plan {@code to} keeps media for less time than {@code from} (a downgrade). */
    private final BiPredicate<String, String> shorter;

    EventApplier(BillingStore billing, AccountStore accounts, ToLongFunction<String> monthlyCredits,
                 Supplier<Duration> dunningGrace, BiPredicate<String, String> shorter, Clock clock) {
        this.dunningGrace = dunningGrace;
        this.shorter = shorter;
        this.billing = billing;
        this.accounts = accounts;
        this.monthlyCredits = monthlyCredits;
        this.clock = clock;
    }

    /** @return false when the event had been applied already */
    boolean apply(PaymentProcessor processor, PaymentEvent e) {
        Instant now = clock.instant();
        String account = e.accountId() != null && accounts.findById(e.accountId()).isPresent() ? e.accountId() : null;
        PaymentEventRecord record = new PaymentEventRecord(processor.id(), e.eventId(), e.type().name(), account,
                e.objectId(), now);
        if (account == null) {
            return billing.applyEvent(record, null, null, null); // not ours, or an account since deleted: noted only
        }
        String key = processor.id() + ":" + e.objectId();
        return switch (e.type()) {
            case CREDITS_PURCHASED -> billing.applyEvent(record, e.credits() <= 0 ? null
                    : LedgerAccounts.purchase("purchase:" + key, account, e.credits(), "purchase " + e.objectId(), now),
                    null, null);
            case SUBSCRIPTION_RENEWED -> {
                Converged state = converge(processor, e, account, now);
                // the invoice paid for its own plan's period: those credits are earned whatever happened since
                long credits = e.plan() == null || e.plan().equals(FREE) ? 0 : monthlyCredits.applyAsLong(e.plan());
                LedgerTransaction grant = credits <= 0 ? null : LedgerAccounts.grant("plan-grant:" + key, account,
                        credits, e.plan() + " plan credits for " + e.objectId(), now);
                yield billing.applySubscriptionEvent(record, grant, state.subscription(), state.plan(),
                        downgrade(account, state.plan()), state.dunningSince());
            }
            case SUBSCRIPTION_ACTIVE, PAYMENT_FAILED, SUBSCRIPTION_ENDED -> {
                Converged state = converge(processor, e, account, now);
                yield billing.applySubscriptionEvent(record, null, state.subscription(), state.plan(),
                        downgrade(account, state.plan()), state.dunningSince());
            }
            case REFUNDED -> {
                // e.credits() is the share of the purchase refunded so far (Stripe's amount_refunded is
                // cumulative): each refund takes back what that share adds to earlier refunds of the charge,
                // never more than is unspent
                String prefix = "refund:" + key + ":";
                yield billing.applyRefund(record, LedgerAccounts.available(account), prefix, (taken, balance) -> {
                    long due = Math.min(e.credits() - taken, Math.max(0, balance));
                    return due <= 0 ? null : LedgerAccounts.refund(prefix + e.credits(), account, due,
                            "refund of " + e.objectId(), now);
                });
            }
            case DISPUTE_OPENED, DISPUTE_WON, DISPUTE_LOST -> Disputes.apply(billing, record, processor.id(), account, e, now);
            case IGNORED -> billing.applyEvent(record, null, null, null);
        };
    }

    /** Whether moving the account to {@code plan} shortens how long its media are kept: the downgrade grace starts. */
    private boolean downgrade(String account, String plan) {
        return accounts.findById(account).map(a -> !a.plan().equals(plan) && shorter.test(plan, a.plan()))
                .orElse(false);
    }

    /** @param dunningSince when the subscription entered dunning (past_due, paused), null when it is not in it */
    private record Converged(SubscriptionRecord subscription, String plan, Instant dunningSince) {
    }

    /**
     * The processor's current view of the subscription wins. When the processor cannot be asked now, the
     * event is not applied (503, nothing written): the processor redelivers it later, when its answer can
     * be had. Applying the event as sent instead would let a late, stale event (an invoice paid before a
     * cancellation) win over the cancellation. Only a processor that keeps no subscriptions to ask
     * (an empty answer) has its events applied as sent.
     */
    private Converged converge(PaymentProcessor processor, PaymentEvent e, String account, Instant now) {
        Optional<SubscriptionState> current = Optional.empty();
        if (e.subscriptionId() != null) {
            try {
                current = processor.subscription(e.subscriptionId());
            } catch (PaymentException | RuntimeException ex) {
                LOG.warn("subscription {} could not be re-read from {} ({}); event {} left for redelivery",
                        e.subscriptionId(), processor.id(), ex.getMessage(), e.eventId());
                throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "processor_unavailable",
                        "the payment processor could not be asked about this subscription; deliver the event again");
            }
        }
        if (current.isPresent()) {
            SubscriptionState s = current.get();
            // past_due or paused: the paid plan stays until the grace, counted from the first failure, runs out
            Instant since = !s.active() && DUNNING.contains(s.status())
                    ? billing.dunningSince(account).orElse(now) : null;
            boolean graced = since != null && now.isBefore(since.plus(dunningGrace.get()));
            String plan = (s.active() || graced) && s.plan() != null ? s.plan() : FREE;
            return new Converged(new SubscriptionRecord(account, processor.id(), s.subscriptionId(), plan, s.status(),
                    s.periodEnd(), now), plan, since);
        }
        boolean active = e.type() != PaymentEvent.Type.SUBSCRIPTION_ENDED;
        String plan = active && e.plan() != null ? e.plan() : FREE;
        String status = e.subscriptionStatus() != null ? e.subscriptionStatus() : active ? "active" : "canceled";
        return new Converged(new SubscriptionRecord(account, processor.id(),
                e.subscriptionId() == null ? "" : e.subscriptionId(), plan, status, e.periodEnd(), now), plan, null);
    }
}
