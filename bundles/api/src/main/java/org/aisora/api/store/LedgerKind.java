package org.aisora.api.store;

/** Why credits moved. */
public enum LedgerKind {
    GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, EXPIRY, ADJUSTMENT,
    /** Credits moved into, or back out of, an account's disputed holding while a chargeback is open. */
    DISPUTE,
    /** Credits taken back because a dispute (chargeback) was lost. */
    CHARGEBACK
}
