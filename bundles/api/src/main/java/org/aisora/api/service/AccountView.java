package org.aisora.api.service;

import java.time.Instant;

/**
 * An account as its owner and admins see it.
 *
 * @param emailVerified false until the address is verified: generating, uploading and buying answer
 *                      403 {@code email_unverified} until then
 */
public record AccountView(String id, String name, String email, String contact, String role, String plan,
                          String acceptedPolicyVersion, Instant createdAt, boolean emailVerified) {
    /** An account whose address counts as verified. */
    public AccountView(String id, String name, String email, String contact, String role, String plan,
                       String acceptedPolicyVersion, Instant createdAt) {
        this(id, name, email, contact, role, plan, acceptedPolicyVersion, createdAt, true);
    }
}
