package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Verification of the address an account signed up with. Until it is verified the account may sign in, read and
 * delete, but generating, uploading and buying answer 403 {@code email_unverified}; the sign-up credit grant is
 * posted when it is verified, once.
 */
@ProviderType
public interface EmailVerificationService {
    /**
     * Verifies the caller's address with the code mailed to it.
     *
     * @throws org.aisora.api.error.AisoraException invalid_code (400: wrong, used or expired), code_attempts_exceeded
     *         (400: ask for a new code), already_verified (409)
     */
    AccountView verify(Caller caller, String code);

    /**
     * Mails a new code (the previous one stops working).
     *
     * @throws org.aisora.api.error.AisoraException already_verified (409), verification_too_soon (429),
     *         mail_unavailable (503)
     */
    void resend(Caller caller);

    /**
     * An operator verifies an account by hand (closed deployments, no notifier installed). Posts the sign-up grant
     * when this call verifies it; an account verified already is returned unchanged.
     *
     * @throws org.aisora.api.error.AisoraException not_found (404)
     */
    AccountView verifyByOperator(String email);
}
