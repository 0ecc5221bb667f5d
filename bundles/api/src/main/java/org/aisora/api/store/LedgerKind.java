package org.aisora.api.store;

/** Why credits moved. */
public enum LedgerKind { GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, EXPIRY, ADJUSTMENT }
