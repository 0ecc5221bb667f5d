package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.LedgerKind;
import org.aisora.api.store.LedgerTransaction;

/** The header row whose primary key makes a transaction key postable exactly once. */
@Entity(name = "LedgerTransaction")
@Table(name = "ledger_transactions")
public final class LedgerTransactionEntity {
    @Id
    @Column(name = "tx_key", length = 200)
    private String key;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private LedgerKind kind;

    @Column(name = "memo", length = 500)
    private String memo;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    LedgerTransactionEntity() {
    }

    static LedgerTransactionEntity of(LedgerTransaction t) {
        LedgerTransactionEntity e = new LedgerTransactionEntity();
        e.key = t.key();
        e.kind = t.kind();
        e.memo = t.memo();
        e.createdAt = t.createdAt();
        return e;
    }
}
