package org.aisora.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Password changes and password-reset codes. A reset code is single-use: {@link #resetPassword} deletes it and
 * sets the new hash in one transaction, so of two confirmations with one code only one wins.
 *
 * @since 2.4
 */
@ProviderType
public interface PasswordStore {
    /** @return false when there is no such account */
    boolean updatePasswordHash(String accountId, String passwordHash);

    /** Stores the account's reset code, replacing any earlier one (which stops working). */
    void saveResetCode(PasswordResetRecord code);

    Optional<PasswordResetRecord> resetCode(String accountId);

    /**
     * Counts one confirmation attempt against the account's code, unless {@code maxAttempts} were counted already.
     *
     * @return true when counted (the attempt may go on), false when there is no code or its attempts are used up
     */
    boolean countResetAttempt(String accountId, int maxAttempts);

    /**
     * In one transaction: deletes the account's code if its hash is {@code codeHash} and sets the password hash.
     *
     * @return false (nothing changed) when no such code is there (used, replaced or never made)
     */
    boolean resetPassword(String accountId, String codeHash, String passwordHash);

    /** @return whether a code was deleted */
    boolean discardResetCode(String accountId);
}
