package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code GET /me} shows its owner: the profile, the preferences, the accepted policy version,
 * the address an e-mail change waits to verify ({@code null} when none waits) and the third parties that
 * received the account's data.
 */
public record ProfileView(String id, String name, String email, String contact, String role, String plan,
                          Instant createdAt, Preferences preferences, String acceptedPolicyVersion,
                          String pendingEmail, List<ThirdPartyView> thirdParties) {
    public ProfileView {
        thirdParties = thirdParties == null ? List.of() : List.copyOf(thirdParties);
    }

    /** A profile without its third-party record (kept for callers written before 1.5). */
    public ProfileView(String id, String name, String email, String contact, String role, String plan,
                       Instant createdAt, Preferences preferences, String acceptedPolicyVersion, String pendingEmail) {
        this(id, name, email, contact, role, plan, createdAt, preferences, acceptedPolicyVersion, pendingEmail,
                List.of());
    }
}
