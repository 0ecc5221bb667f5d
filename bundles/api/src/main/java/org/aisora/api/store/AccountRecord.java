package org.aisora.api.store;

import java.time.Instant;

/**
 * An account row. The password is only ever held as an encoded Argon2id hash. Of the birth date given at
 * sign-up only the year is kept (data minimisation): the age gate is decided on the full date, which is
 * never stored; the year is enough to show the account passed it.
 *
 * @param birthYear the year of birth, or {@code null} when unknown (accounts created by an operator)
 * @param emailVerified whether the address was verified (by its code, by an operator, or at sign-up when
 *                      verification is off); accounts older than the check count as verified
 */
public record AccountRecord(String id, String email, String name, String contact, String passwordHash,
                            Integer birthYear, String role, String plan, String acceptedPolicyVersion,
                            Instant createdAt, boolean emailVerified) {
    /** An account whose address counts as verified. */
    public AccountRecord(String id, String email, String name, String contact, String passwordHash,
                         Integer birthYear, String role, String plan, String acceptedPolicyVersion,
                         Instant createdAt) {
        this(id, email, name, contact, passwordHash, birthYear, role, plan, acceptedPolicyVersion, createdAt, true);
    }

    public AccountRecord withRole(String newRole) {
        return new AccountRecord(id, email, name, contact, passwordHash, birthYear, newRole, plan,
                acceptedPolicyVersion, createdAt, emailVerified);
    }
}
