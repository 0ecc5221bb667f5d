package org.aisora.api.store;

import java.time.Instant;
import java.time.LocalDate;

/** An account row. The password is only ever held as an encoded Argon2id hash. */
public record AccountRecord(String id, String email, String name, String contact, String passwordHash,
                            LocalDate birthDate, String role, String plan, String acceptedPolicyVersion,
                            Instant createdAt) {
    public AccountRecord withRole(String newRole) {
        return new AccountRecord(id, email, name, contact, passwordHash, birthDate, newRole, plan,
                acceptedPolicyVersion, createdAt);
    }
}
