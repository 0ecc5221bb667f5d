package org.aisora.api.store;

import java.time.Instant;

/**
 * An account row. The password is only ever held as an encoded Argon2id hash. Of the birth date given at
 * sign-up only the year is kept (data minimisation): the age gate is decided on the full date, which is
 * never stored; the year is enough to show the account passed it.
 *
 * @param birthYear the year of birth, or {@code null} when unknown (accounts created by an operator)
 */
public record AccountRecord(String id, String email, String name, String contact, String passwordHash,
                            Integer birthYear, String role, String plan, String acceptedPolicyVersion,
                            Instant createdAt) {
    public AccountRecord withRole(String newRole) {
        return new AccountRecord(id, email, name, contact, passwordHash, birthYear, newRole, plan,
                acceptedPolicyVersion, createdAt);
    }
}
