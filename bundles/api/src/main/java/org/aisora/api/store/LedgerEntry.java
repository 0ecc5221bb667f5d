package org.aisora.api.store;

import java.time.Instant;

/** One stored posting, as history shows it. */
public record LedgerEntry(long seq, String transactionKey, LedgerKind kind, String ledgerAccount, long amount,
                          String memo, Instant createdAt) {
}
