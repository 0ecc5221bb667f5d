package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Customers, checkouts, applied payment events and subscriptions. Never card data. */
@ProviderType
public interface BillingStore {
    Optional<String> customerId(String accountId, String processor);

    /** Keeps the first customer id stored for an account at a processor. @return the id now stored */
    String saveCustomer(String accountId, String processor, String customerId, Instant at);

    /** Inserts a pending checkout, or returns the one already stored under its idempotency key. */
    CheckoutRecord reserveCheckout(CheckoutRecord pending);

    void completeCheckout(String idempotencyKey, String sessionId, String url);

    /** The checkout a processor session belongs to (an operator confirming a manual checkout names the session). */
    Optional<CheckoutRecord> checkoutBySession(String processor, String sessionId);

    /** What a refund owes, decided under the lock of the account it claws back from. */
    @FunctionalInterface
    interface RefundPosting {
        /**
         * @param alreadyClawed credits already taken back by earlier refunds of the same charge
         * @param balance       the account's balance now
         * @return the transaction to post, or null for none
         */
        LedgerTransaction posting(long alreadyClawed, long balance);
    }

    /**
     * Applies a refund event exactly once, like {@link #applyEvent}, with a posting decided inside the
     * transaction after {@code ledgerAccount}'s balance row is locked: it is given the credits already taken
     * from that account by transactions whose key starts with {@code keyPrefix} (earlier, partial refunds of
     * the same charge) and the balance. Two refunds of one charge applied at once therefore see each other.
     *
     * @return false when the event was applied before (nothing changes)
     */
    boolean applyRefund(PaymentEventRecord event, String ledgerAccount, String keyPrefix, RefundPosting posting);

    /** What a dispute event does, decided under the lock of the account it holds credits from. */
    @FunctionalInterface
    interface DisputeTransition {
        /**
         * @param current the dispute as applied so far, null when none of its events was applied
         * @param balance the account's available balance now
         * @return the dispute's next state and the posting that gets it there, or null when the event is not
         *         ahead of what is applied (nothing changes)
         */
        DisputeChange next(DisputeRecord current, long balance);
    }

    /** @param posting null when no credits move (nothing to hold, or nothing held) */
    record DisputeChange(DisputeRecord dispute, LedgerTransaction posting) {
    }

    /**
     * Applies a dispute event exactly once, like {@link #applyEvent}: after {@code ledgerAccount}'s balance row
     * is locked, the dispute's stored state and that balance are handed to {@code transition}; its change (the
     * posting and the dispute's new row) is written with the event's record in the same transaction. Two
     * events of one dispute applied at once therefore see each other.
     *
     * @return false when the event was applied before (nothing changes)
     */
    boolean applyDispute(PaymentEventRecord event, String processor, String disputeId, String ledgerAccount,
                         DisputeTransition transition);

    Optional<DisputeRecord> dispute(String processor, String disputeId);

    /** The disputes applied to an account, oldest change first. */
    List<DisputeRecord> disputes(String accountId);

    /** The processor customers of an account (processor id to customer id). */
    java.util.Map<String, String> customers(String accountId);

    /**
     * Applies a payment event exactly once: records it and, in the same transaction, posts the ledger
     * transaction, upserts the subscription and sets the account's plan (each may be null).
     *
     * @return false when the event was applied before (nothing changes)
     */
    boolean applyEvent(PaymentEventRecord event, LedgerTransaction posting, SubscriptionRecord subscription,
                       String newPlan);

    /**
     * Like {@link #applyEvent}, and in the same transaction keeps the subscription's dunning mark: with
     * {@code dunningSince} non-null (the subscription is past due or paused) the mark is set unless it is set
     * already (the first failure counts), with null it is cleared. When the account's plan changes, a downgrade
     * (to a plan with shorter retention) records when it happened, the start of the downgrade grace
     * ({@link #downgradedAt}); any other change clears that.
     *
     * @return false when the event was applied before (nothing changes)
     */
    boolean applySubscriptionEvent(PaymentEventRecord event, LedgerTransaction posting,
                                   SubscriptionRecord subscription, String newPlan, boolean downgrade,
                                   Instant dunningSince);

    /** When the account's subscription was first seen past due or paused; empty when it is not. */
    Optional<Instant> dunningSince(String accountId);

    /** A subscription in dunning: the account, the plan its subscription is for, since when. */
    record Dunning(String accountId, String plan, Instant since) {
    }

    /**
     * Subscriptions in dunning that still grant a plan other than {@code basePlan} (those whose grace is not over,
     * or not yet ended), those that entered dunning first first.
     */
    List<Dunning> dunning(String basePlan, int limit);

    /**
     * Ends the grace of a subscription in dunning: sets the account's plan (and the subscription's) to
     * {@code plan} and records the downgrade ({@link #downgradedAt}), in one transaction, only while the subscription is still in
     * dunning since {@code since} (an event that recovered or ended it first wins) and the plan differs.
     *
     * @return true when the plan changed
     */
    boolean endDunningGrace(String accountId, Instant since, String plan, Instant now);

    /** When the account last moved to a plan with shorter retention; empty when it did not since its last change. */
    Optional<Instant> downgradedAt(String accountId);

    Optional<SubscriptionRecord> subscription(String accountId);

    List<SubscriptionRecord> subscriptions(int limit);

    /** An account's checkouts, oldest first. */
    List<CheckoutRecord> checkouts(String accountId);

    /** The payment events applied to an account, oldest first. */
    List<PaymentEventRecord> events(String accountId);

    /**
     * Replaces an account id by a pseudonym in every billing row (customers, checkouts, payment events,
     * subscriptions), in one transaction: payment records are kept, no longer linked to the person.
     * @return rows changed
     */
    long pseudonymise(String accountId, String pseudonym);
}
