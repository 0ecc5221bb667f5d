package org.aisora.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The proof of an account deletion: what was deleted per category and how many, what third parties were
 * asked to delete, when, and its place in the hash chain. Holds no personal data (no id, e-mail or name of
 * the account). {@code hash} = SHA-256 over {@code prevHash} and the canonical JSON of the other fields.
 */
public record DeletionReceiptView(String id, Instant createdAt, Instant expiresAt, String reason,
                                  Map<String, Long> counts, List<ThirdPartyDeletion> thirdParties,
                                  boolean cryptoShredded, String prevHash, String hash) {
    public DeletionReceiptView {
        counts = Map.copyOf(counts);
        thirdParties = List.copyOf(thirdParties);
    }

    /**
     * What one provider was asked to delete. @param status {@code queued} (in the vendor deletion queue, which
     * outlives the account and retries: see {@link VendorDeletionService}), {@code deleted}, {@code not_supported}
     * (the vendor offers no deletion), or, in receipts written before the queue existed, {@code pending} (the
     * provider was not installed) or {@code failed}
     */
    public record ThirdPartyDeletion(String provider, String vendor, String status, long tasks) {
    }
}
