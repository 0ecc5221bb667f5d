package org.aisora.persistence.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The cached balance of one ledger account; postings lock this row, so it also serialises them. */
@Entity(name = "LedgerBalance")
@Table(name = "ledger_balances")
public final class LedgerBalanceEntity {
    @Id
    @Column(name = "ledger_account", length = 200)
    private String ledgerAccount;

    @Column(name = "balance", nullable = false)
    private long balance;

    LedgerBalanceEntity() {
    }

    LedgerBalanceEntity(String ledgerAccount) {
        this.ledgerAccount = ledgerAccount;
    }

    String ledgerAccount() {
        return ledgerAccount;
    }

    long balance() {
        return balance;
    }

    void add(long amount) {
        balance = Math.addExact(balance, amount);
    }
}
