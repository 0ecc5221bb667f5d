package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.AccountRecord;

// final: Hibernate then never builds lazy proxies, so the bundle needs no import of Hibernate's proxy packages
@Entity(name = "Account")
@Table(name = "accounts")
public final class AccountEntity {
    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @Column(name = "name", length = 200)
    private String name;

    @Column(name = "contact", length = 500)
    private String contact;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** Only the year of the birth date given at sign-up (V14 dropped the full date). */
    @Column(name = "birth_year")
    private Integer birthYear;

    @Column(name = "role", nullable = false, length = 32)
    private String role;

    @Column(name = "plan", nullable = false, length = 32)
    private String plan;

    @Column(name = "accepted_policy_version", length = 64)
    private String acceptedPolicyVersion;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** False from sign-up until the address is verified (V21; older accounts are verified). */
    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified = true;

    /** Set when the account's erasure began; such an account is invisible to the platform (see V9). */
    @Column(name = "erasure_started_at")
    private Long erasureStartedAt;

    AccountEntity() {
    }

    static AccountEntity of(AccountRecord r) {
        AccountEntity e = new AccountEntity();
        e.id = r.id();
        e.email = r.email();
        e.name = r.name();
        e.contact = r.contact();
        e.passwordHash = r.passwordHash();
        e.birthYear = r.birthYear();
        e.role = r.role();
        e.plan = r.plan();
        e.acceptedPolicyVersion = r.acceptedPolicyVersion();
        e.createdAt = r.createdAt();
        e.emailVerified = r.emailVerified();
        return e;
    }

    AccountRecord toRecord() {
        return new AccountRecord(id, email, name, contact, passwordHash, birthYear, role, plan,
                acceptedPolicyVersion, createdAt, emailVerified);
    }

    boolean erasing() {
        return erasureStartedAt != null;
    }

    void setRole(String role) {
        this.role = role;
    }
}
