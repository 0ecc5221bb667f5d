package org.aisora.api.service;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code GET /me} shows its owner: the profile, the preferences, the accepted policy version,
 * the address an e-mail change waits to verify ({@code null} when none waits), how long the active
 * retention policy keeps each kind of the account's data on its plan, and the third parties that
 * received the account's data.
 */
public record ProfileView(String id, String name, String email, String contact, String role, String plan,
                          Instant createdAt, Preferences preferences, String acceptedPolicyVersion,
                          String pendingEmail, RetentionView retention, List<ThirdPartyView> thirdParties) {
    public ProfileView {
        thirdParties = thirdParties == null ? List.of() : List.copyOf(thirdParties);
    }
}
