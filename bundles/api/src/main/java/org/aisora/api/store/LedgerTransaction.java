package org.aisora.api.store;

import java.time.Instant;
import java.util.List;

/**
 * A balanced set of postings (they sum to zero). The key is unique: posting a key twice is a no-op,
 * which is what makes holds, captures, releases and grants safe to retry.
 */
public record LedgerTransaction(String key, LedgerKind kind, List<LedgerPosting> postings, String memo,
                                Instant createdAt) {
    public LedgerTransaction {
        postings = List.copyOf(postings);
        if (postings.stream().mapToLong(LedgerPosting::amount).sum() != 0) {
            throw new IllegalArgumentException("unbalanced ledger transaction " + key);
        }
    }
}
