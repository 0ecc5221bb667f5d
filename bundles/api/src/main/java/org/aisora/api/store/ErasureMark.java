package org.aisora.api.store;

import java.time.Instant;

/**
 * An account being erased: set first, so that it can no longer sign in, be authenticated or act, and kept
 * on the account row until the row itself goes, so an interrupted erasure is completed by running it again.
 *
 * @param pseudonym  the random id that replaces the account id in the payment and ledger records kept by law;
 *                   stored nowhere else once the account row is gone
 * @param receiptId  chosen up front, so a re-run appends the same receipt once
 * @param progress   what the erasure has done so far, in the core's own text form (opaque to the store)
 */
public record ErasureMark(String accountId, String pseudonym, String reason, String receiptId, Instant startedAt,
                          String progress) {
}
