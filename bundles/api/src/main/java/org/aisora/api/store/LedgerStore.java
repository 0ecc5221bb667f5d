package org.aisora.api.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The double-entry ledger. Ledger accounts named {@code user:...} may never go below zero;
 * {@code system:...} accounts are the other side of every movement.
 */
@ProviderType
public interface LedgerStore {
    /**
     * Posts atomically under row locks.
     * @return false when a transaction with this key was already posted (nothing changes)
     * @throws org.aisora.api.error.InsufficientCreditsException when a user account would go negative
     */
    boolean post(LedgerTransaction transaction);

    long balance(String ledgerAccount);

    /** Entries of these ledger accounts, newest first. */
    List<LedgerEntry> entries(List<String> ledgerAccounts, int offset, int limit);

    List<LedgerEntry> entriesOfTransactions(List<String> transactionKeys);

    /** Invariant violations (unbalanced transactions, balance != sum of entries, negative user balance). */
    List<String> audit();

    /**
     * Replaces an account id by a pseudonym everywhere in the ledger (ledger account names, transaction keys,
     * memos), in one transaction, keeping every amount and every invariant: the records the law keeps stay,
     * no longer linked to the person. @return how many entries of the account's ledger accounts were pseudonymised
     */
    long pseudonymise(String accountId, String pseudonym);
}
