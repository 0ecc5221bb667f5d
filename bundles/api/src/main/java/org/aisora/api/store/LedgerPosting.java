package org.aisora.api.store;

/** One leg of a ledger transaction: a signed amount on one ledger account. */
public record LedgerPosting(String ledgerAccount, long amount) {
}
