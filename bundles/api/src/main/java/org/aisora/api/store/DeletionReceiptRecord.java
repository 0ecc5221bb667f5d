package org.aisora.api.store;

import java.time.Instant;

/**
 * A stored deletion receipt, one link of the chain: {@code seq} orders the chain, {@code content} is the
 * canonical JSON the hash covers (with {@code prevHash}). Receipts are never updated.
 */
public record DeletionReceiptRecord(String id, long seq, Instant createdAt, Instant expiresAt, String content,
                                    String prevHash, String hash) {
}
