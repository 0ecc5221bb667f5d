package org.aisora.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Sign-up verification codes, and the account's verified flag they set. Each method is one transaction. */
@ProviderType
public interface EmailVerificationStore {
    /** Replaces the account's code (a new code makes the older one worthless), attempts from 0. */
    void saveCode(EmailVerificationRecord code);

    Optional<EmailVerificationRecord> code(String accountId);

    /**
     * Takes one attempt from the account's code, atomically, so concurrent guesses never get more than
     * {@code maxAttempts} between them. @return false when there is no code or its attempts are used up
     */
    boolean takeAttempt(String accountId, int maxAttempts);

    /**
     * Marks the account's address verified and deletes its code. @return true only for the call that changed the
     * flag: false when it was verified already, or the account is gone or being erased
     */
    boolean markVerified(String accountId);
}
