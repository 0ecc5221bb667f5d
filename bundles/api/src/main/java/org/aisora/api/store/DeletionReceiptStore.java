package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The hash chain of deletion receipts. Appends are serialised, so concurrent deletions still form one chain. */
@ProviderType
public interface DeletionReceiptStore {
    /** Builds the next link once the chain head is locked. */
    @FunctionalInterface
    interface Link {
        DeletionReceiptRecord build(long seq, String prevHash);
    }

    /** The hash the first receipt chains to. */
    String GENESIS = "0".repeat(64);

    /**
     * Appends a receipt under the lock of the chain head, in one transaction; appending an id that is already
     * stored returns the stored receipt and changes nothing (a resumed deletion appends once).
     */
    DeletionReceiptRecord append(String id, Link link);

    Optional<DeletionReceiptRecord> find(String id);

    /** Receipts in chain order, from {@code afterSeq} (exclusive). */
    List<DeletionReceiptRecord> list(long afterSeq, int limit);
}
