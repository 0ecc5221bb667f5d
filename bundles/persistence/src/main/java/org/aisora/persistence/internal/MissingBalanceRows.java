package org.aisora.persistence.internal;

import java.util.List;

/** Thrown inside a posting transaction so that it rolls back, the rows get created, and it runs again. */
final class MissingBalanceRows extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> ledgerAccounts;

    MissingBalanceRows(List<String> ledgerAccounts) {
        super("no balance row yet for " + ledgerAccounts, null, false, false);
        this.ledgerAccounts = List.copyOf(ledgerAccounts);
    }

    List<String> ledgerAccounts() {
        return ledgerAccounts;
    }
}
