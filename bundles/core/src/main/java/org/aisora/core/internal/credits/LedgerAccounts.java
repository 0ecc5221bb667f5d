package org.aisora.core.internal.credits;

import java.time.Instant;
import java.util.List;
import org.aisora.api.store.LedgerKind;
import org.aisora.api.store.LedgerPosting;
import org.aisora.api.store.LedgerTransaction;

/**
 * Names of ledger accounts and the shape of every credit movement. A user has two ledger accounts:
 * {@code available} (spendable) and {@code held} (reserved by running jobs), and a third,
 * {@code disputed}, while a chargeback of a pack is open (its unspent credits, neither spendable nor lost yet);
 * the system side is
 * {@code system:grants} (where granted credits come from) and {@code system:revenue} (where spent ones go).
 */
public final class LedgerAccounts {
    public static final String SYSTEM_GRANTS = "system:grants";
    public static final String SYSTEM_REVENUE = "system:revenue";
    /** Where bought credits come from (its balance is minus everything ever sold). */
    public static final String SYSTEM_SALES = "system:sales";
    public static final String SYSTEM_ADJUSTMENTS = "system:adjustments";

    private LedgerAccounts() {
    }

    public static String available(String accountId) {
        return "user:" + accountId + ":available";
    }

    public static String held(String accountId) {
        return "user:" + accountId + ":held";
    }

    /** Credits held by open payment disputes (chargebacks) of the account's purchases. */
    public static String disputed(String accountId) {
        return "user:" + accountId + ":disputed";
    }

    /** A dispute opened: unspent credits of the disputed pack leave the spendable balance until it closes. */
    public static LedgerTransaction disputeHold(String key, String accountId, long amount, String memo, Instant at) {
        return move(key, LedgerKind.DISPUTE, available(accountId), disputed(accountId), amount, memo, at);
    }

    /** A dispute won: what it held is spendable again. */
    public static LedgerTransaction disputeReturn(String key, String accountId, long amount, String memo, Instant at) {
        return move(key, LedgerKind.DISPUTE, disputed(accountId), available(accountId), amount, memo, at);
    }

    /**
     * A dispute lost: the credits go back where sold credits come from, from what the dispute held or, when
     * it was never seen open, from the spendable balance.
     */
    public static LedgerTransaction chargeback(String key, String accountId, boolean fromHeld, long amount, String memo,
                                               Instant at) {
        return move(key, LedgerKind.CHARGEBACK, fromHeld ? disputed(accountId) : available(accountId), SYSTEM_SALES,
                amount, memo, at);
    }

    public static LedgerTransaction grant(String key, String accountId, long amount, String memo, Instant at) {
        return move(key, LedgerKind.GRANT, SYSTEM_GRANTS, available(accountId), amount, memo, at);
    }

    /** Credits paid for; the key names the processor's purchase object, so one purchase is credited once. */
    public static LedgerTransaction purchase(String key, String accountId, long amount, String memo, Instant at) {
        return move(key, LedgerKind.PURCHASE, SYSTEM_SALES, available(accountId), amount, memo, at);
    }

    /** An operator's correction: positive adds to the account, negative takes from it. */
    public static LedgerTransaction adjustment(String key, String accountId, long amount, String memo, Instant at) {
        return amount >= 0 ? move(key, LedgerKind.ADJUSTMENT, SYSTEM_ADJUSTMENTS, available(accountId), amount, memo, at)
                : move(key, LedgerKind.ADJUSTMENT, available(accountId), SYSTEM_ADJUSTMENTS, -amount, memo, at);
    }

    /** Unspent purchased credits taken back after a refund. */
    public static LedgerTransaction refund(String key, String accountId, long amount, String memo, Instant at) {
        return move(key, LedgerKind.REFUND, available(accountId), SYSTEM_SALES, amount, memo, at);
    }

    public static LedgerTransaction hold(String jobId, String accountId, long amount, Instant at) {
        return move("hold:" + jobId, LedgerKind.HOLD, available(accountId), held(accountId), amount,
                "generation " + jobId, at);
    }

    public static LedgerTransaction capture(String jobId, String accountId, long amount, Instant at) {
        return move("settle:" + jobId, LedgerKind.CAPTURE, held(accountId), SYSTEM_REVENUE, amount,
                "generation " + jobId, at);
    }

    /**
     * Capture and release share one key: a job is settled exactly once, whichever way, even if two
     * nodes or a retry race to settle it.
     */
    public static LedgerTransaction release(String jobId, String accountId, long amount, Instant at) {
        return move("settle:" + jobId, LedgerKind.RELEASE, held(accountId), available(accountId), amount,
                "generation " + jobId, at);
    }

    private static LedgerTransaction move(String key, LedgerKind kind, String from, String to, long amount,
                                          String memo, Instant at) {
        return new LedgerTransaction(key, kind,
                List.of(new LedgerPosting(from, -amount), new LedgerPosting(to, amount)), memo, at);
    }
}
