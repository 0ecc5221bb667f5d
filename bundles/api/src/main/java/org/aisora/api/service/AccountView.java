package org.aisora.api.service;

import java.time.Instant;

/** An account as its owner and admins see it. */
public record AccountView(String id, String name, String email, String contact, String role, String plan,
                          String acceptedPolicyVersion, Instant createdAt) {
}
