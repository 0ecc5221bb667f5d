package org.aisora.api.store;

import java.time.Instant;

/** An e-mail change awaiting verification. The code itself is never stored, only its SHA-256 (hex). */
public record PendingEmailRecord(String accountId, String newEmail, String codeHash, Instant createdAt,
                                 Instant expiresAt) {
    @Override
    public String toString() {
        return "PendingEmailRecord[" + accountId + "]";
    }
}
