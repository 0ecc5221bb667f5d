package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.SessionRecord;

@Entity(name = "Session")
@Table(name = "sessions")
public final class SessionEntity {
    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "account_id", nullable = false, length = 36)
    private String accountId;

    @Column(name = "token_hash", nullable = false, length = 128)
    private String tokenHash;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "device", length = 100)
    private String device;

    SessionEntity() {
    }

    static SessionEntity of(SessionRecord r) {
        SessionEntity e = new SessionEntity();
        e.id = r.id();
        e.accountId = r.accountId();
        e.tokenHash = r.tokenHash();
        e.createdAt = r.createdAt();
        e.expiresAt = r.expiresAt();
        e.lastUsedAt = r.lastUsedAt();
        e.device = r.device();
        return e;
    }

    SessionRecord toRecord() {
        return new SessionRecord(id, accountId, tokenHash, createdAt, expiresAt,
                lastUsedAt == null ? createdAt : lastUsedAt, device);
    }
}
