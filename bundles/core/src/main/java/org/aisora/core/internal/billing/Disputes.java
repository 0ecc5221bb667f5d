package org.aisora.core.internal.billing;

import java.time.Instant;
import org.aisora.api.payment.PaymentEvent;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.BillingStore.DisputeChange;
import org.aisora.api.store.DisputeRecord;
import org.aisora.api.store.DisputeRecord.State;
import org.aisora.api.store.LedgerTransaction;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.core.internal.credits.LedgerAccounts;

/**
 * A dispute event's effect. A dispute only moves forward (none, opened, then won or lost), whatever order its
 * events come in: an event not ahead of the stored state is recorded and changes nothing. Opening holds the
 * disputed share of the pack, never more than is unspent; winning returns what was held; losing claws back
 * what was held, or (a dispute first seen lost) what is unspent of the share. Every decision is taken by the
 * store under the lock of the account's available balance, with the event recorded in the same transaction.
 */
final class Disputes {
    private Disputes() {
    }

    static boolean apply(BillingStore billing, PaymentEventRecord record, String processor, String account,
                         PaymentEvent e, Instant now) {
        if (e.objectId() == null) {
            return billing.applyEvent(record, null, null, null); // no dispute to follow: noted only
        }
        State target = switch (e.type()) {
            case DISPUTE_WON -> State.WON;
            case DISPUTE_LOST -> State.LOST;
            default -> State.OPENED;
        };
        String key = "dispute:" + processor + ":" + e.objectId();
        long share = Math.max(0, e.credits());
        return billing.applyDispute(record, processor, e.objectId(), LedgerAccounts.available(account),
                (current, balance) -> next(current, target, key, account, processor, e.objectId(), share,
                        Math.max(0, balance), now));
    }

    static DisputeChange next(DisputeRecord current, State target, String key, String account, String processor,
                              String disputeId, long share, long balance, Instant now) {
        if (current != null && (current.state().closed() || target == State.OPENED)) {
            return null; // not ahead: a duplicate open, or anything after the close
        }
        long held = current == null ? 0 : current.held();
        String memo = "dispute " + disputeId;
        LedgerTransaction posting = null;
        long stillHeld = 0;
        if (target == State.OPENED) {
            stillHeld = Math.min(share, balance);
            posting = stillHeld <= 0 ? null : LedgerAccounts.disputeHold(key + ":hold", account, stillHeld, memo, now);
        } else if (target == State.WON) {
            posting = held <= 0 ? null : LedgerAccounts.disputeReturn(key + ":won", account, held, memo + " won", now);
        } else if (current != null) {
            posting = held <= 0 ? null : LedgerAccounts.chargeback(key + ":lost", account, true, held, memo + " lost", now);
        } else {
            long due = Math.min(share, balance);
            posting = due <= 0 ? null : LedgerAccounts.chargeback(key + ":lost", account, false, due, memo + " lost", now);
        }
        return new DisputeChange(new DisputeRecord(processor, disputeId, account, target, stillHeld, now), posting);
    }
}
