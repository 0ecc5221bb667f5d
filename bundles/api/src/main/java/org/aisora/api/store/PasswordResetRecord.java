package org.aisora.api.store;

import java.time.Instant;

/**
 * A password-reset code awaiting use: one per account, the code itself never stored, only its SHA-256 (hex).
 * {@code attempts} counts the confirmations tried against it.
 *
 * @since 2.4
 */
public record PasswordResetRecord(String accountId, String codeHash, Instant createdAt, Instant expiresAt,
                                  int attempts) {
    @Override
    public String toString() {
        return "PasswordResetRecord[" + accountId + "]";
    }
}
