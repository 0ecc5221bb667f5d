package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code GET /me} shows its owner: the profile, the preferences, the accepted policy version,
 * the address an e-mail change waits to verify ({@code null} when none waits), how long the active
 * retention policy keeps each kind of the account's data on its plan, and the third parties that
 * received the account's data; whether the sign-up address is verified (until it is, generating, uploading
 * and buying answer 403 {@code email_unverified}).
 */
public record ProfileView(String id, String name, String email, String contact, String role, String plan,
                          Instant createdAt, Preferences preferences, String acceptedPolicyVersion,
                          String pendingEmail, RetentionView retention, List<ThirdPartyView> thirdParties,
                          boolean emailVerified) {
    public ProfileView {
        thirdParties = thirdParties == null ? List.of() : List.copyOf(thirdParties);
    }

    /** A profile whose address counts as verified. */
    public ProfileView(String id, String name, String email, String contact, String role, String plan,
                       Instant createdAt, Preferences preferences, String acceptedPolicyVersion,
                       String pendingEmail, RetentionView retention, List<ThirdPartyView> thirdParties) {
        this(id, name, email, contact, role, plan, createdAt, preferences, acceptedPolicyVersion, pendingEmail,
                retention, thirdParties, true);
    }
}
