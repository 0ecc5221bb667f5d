package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Password change (signed in, with the current password) and reset by e-mail (signed out, with a code mailed
 * to the address). Both end the account's other sign-ins: see each method.
 *
 * @since 1.8
 */
@ProviderType
public interface PasswordService {
    /** Minutes a reset code works. */
    int RESET_CODE_MINUTES = 30;
    /** Confirmations tried against one reset code before it stops working. */
    int RESET_CODE_ATTEMPTS = 5;

    /**
     * Sets a new password. Every other session of the account ends, and every API token too unless
     * {@code keepTokens}; the session presenting {@code bearerToken} stays.
     *
     * @throws org.aisora.api.error.AisoraException reauthentication_required (403, no current password),
     *         wrong_password (403), invalid_password (400, the sign-up rules), too_many_login_attempts (429,
     *         the sign-in throttle counts wrong current passwords)
     */
    void change(Caller caller, String currentPassword, String newPassword, boolean keepTokens, String bearerToken,
                ClientInfo client);

    /**
     * Mails a single-use reset code to the address if it belongs to an account; otherwise does the same work and
     * sends nothing. The caller cannot tell which happened.
     *
     * @throws org.aisora.api.error.RateLimitedException password_reset_rate_limited (429) per address or client
     * @throws org.aisora.api.error.AisoraException mail_unavailable (503) when no mail can be sent at all
     */
    void requestReset(String email, ClientInfo client);

    /**
     * Sets a new password with a reset code; every session and API token of the account ends.
     *
     * @throws org.aisora.api.error.AisoraException invalid_code (400: wrong, used, expired, replaced, or tried
     *         {@value #RESET_CODE_ATTEMPTS} times), invalid_password (400)
     */
    void confirmReset(String email, String code, String newPassword, ClientInfo client);
}
