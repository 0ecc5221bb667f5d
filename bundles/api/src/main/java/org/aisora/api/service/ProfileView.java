package org.aisora.api.service;

import java.time.Instant;

/**
 * Everything {@code GET /me} shows its owner: the profile, the preferences, the accepted policy version,
 * and the address an e-mail change waits to verify ({@code null} when none waits).
 */
public record ProfileView(String id, String name, String email, String contact, String role, String plan,
                          Instant createdAt, Preferences preferences, String acceptedPolicyVersion,
                          String pendingEmail) {
}
