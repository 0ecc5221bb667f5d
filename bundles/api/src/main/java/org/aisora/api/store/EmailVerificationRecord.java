package org.aisora.api.store;

import java.time.Instant;

/**
 * The code that verifies an account's address after sign-up: one per account, the latest one mailed. Only its
 * SHA-256 (hex) is stored; {@code attempts} counts the submissions made against it.
 */
public record EmailVerificationRecord(String accountId, String codeHash, Instant sentAt, Instant expiresAt,
                                      int attempts) {
    @Override
    public String toString() {
        return "EmailVerificationRecord[" + accountId + ", attempts=" + attempts + "]";
    }
}
