package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.LedgerEntry;
import org.aisora.api.store.LedgerKind;
import org.aisora.api.store.LedgerPosting;
import org.aisora.api.store.LedgerTransaction;

@Entity(name = "LedgerEntry")
@Table(name = "ledger_entries")
public final class LedgerEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    private Long seq;

    @Column(name = "tx_key", nullable = false, length = 200)
    private String transactionKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private LedgerKind kind;

    @Column(name = "ledger_account", nullable = false, length = 200)
    private String ledgerAccount;

    @Column(name = "amount", nullable = false)
    private long amount;

    @Column(name = "memo", length = 500)
    private String memo;

    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    LedgerEntryEntity() {
    }

    static LedgerEntryEntity of(LedgerTransaction t, LedgerPosting p) {
        LedgerEntryEntity e = new LedgerEntryEntity();
        e.transactionKey = t.key();
        e.kind = t.kind();
        e.ledgerAccount = p.ledgerAccount();
        e.amount = p.amount();
        e.memo = t.memo();
        e.createdAt = t.createdAt();
        return e;
    }

    LedgerEntry toRecord() {
        return new LedgerEntry(seq, transactionKey, kind, ledgerAccount, amount, memo, createdAt);
    }
}
