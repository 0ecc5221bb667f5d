package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** The privacy rights of access, correction and restriction/objection over one's own account. */
@ProviderType
public interface ProfileService {
    /** Access: profile, preferences, accepted policy version, pending e-mail. */
    ProfileView profile(Caller caller);

    /**
     * Correction. Every given field is checked before anything changes; a new e-mail is stored as pending
     * and a verification code is mailed to it, the current address keeping working until it is verified.
     * A new e-mail needs the current password (since 1.8): without it, reauthentication_required (403).
     *
     * @throws org.aisora.api.error.AisoraException invalid_name / invalid_email / invalid_contact (400),
     *         email_taken (409), email_change_too_soon (429, one verification mail a minute),
     *         mail_unavailable (503); nothing changes on any of them
     */
    ProfileView correct(Caller caller, ProfileChange change);

    /**
     * {@link #correct(Caller, ProfileChange)} from a client: a new e-mail needs {@link ProfileChange#currentPassword},
     * checked under the sign-in throttle of this client's address.
     *
     * @throws org.aisora.api.error.AisoraException reauthentication_required (403, no password with a new e-mail),
     *         wrong_password (403), too_many_login_attempts (429), and those of {@link #correct(Caller, ProfileChange)}
     * @since 1.8
     */
    default ProfileView correct(Caller caller, ProfileChange change, ClientInfo client) {
        return correct(caller, change);
    }

    /**
     * Switches the e-mail to the pending one. A code works once and for 24 hours.
     *
     * @throws org.aisora.api.error.AisoraException invalid_code (400), email_taken (409) when the address was
     *         taken meanwhile (nothing changes)
     */
    ProfileView verifyEmail(Caller caller, String code);

    /** Restriction and objection: replaces all three preferences. */
    Preferences setPreferences(Caller caller, Preferences preferences);

    /** An account's preferences ({@link Preferences#DEFAULTS} when it never chose): e.g. analytics opt-out. */
    Preferences preferences(String accountId);

    /** For operators. @throws org.aisora.api.error.AisoraException not_found (404) */
    AccountOverview overview(String email);
}
