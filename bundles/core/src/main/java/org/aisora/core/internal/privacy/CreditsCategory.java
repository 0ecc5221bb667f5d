package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aisora.api.store.LedgerEntry;
import org.aisora.api.store.LedgerStore;
import org.aisora.core.internal.credits.LedgerAccounts;

/**
 * {@code credits.json}: balance, reserved credits and every ledger entry of the account. Ledger entries are
 * money records the law keeps: erasure pseudonymises them (the account id becomes the erasure's pseudonym in
 * ledger account names, transaction keys and memos), keeping every amount and invariant.
 */
final class CreditsCategory implements PersonalDataCategory {
    private static final int PAGE = 500;

    private final LedgerStore ledger;

    CreditsCategory(LedgerStore ledger) {
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "credits";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        String available = LedgerAccounts.available(accountId);
        String held = LedgerAccounts.held(accountId);
        String disputed = LedgerAccounts.disputed(accountId);
        List<Object> entries = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<LedgerEntry> page = ledger.entries(List.of(available, held, disputed), offset, PAGE);
            for (LedgerEntry e : page) {
                entries.add(Rows.of().put("seq", e.seq()).put("transaction", e.transactionKey())
                        .put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .put("account", e.ledgerAccount().equals(held) ? "held"
                                : e.ledgerAccount().equals(disputed) ? "disputed" : "available")
                        .put("amount", e.amount()).put("memo", e.memo()).put("createdAt", e.createdAt()).map());
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        sink.json("credits.json", Rows.of().put("balance", ledger.balance(available))
                .put("reserved", ledger.balance(held)).put("disputed", ledger.balance(disputed))
                .put("entries", entries).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return ledger.pseudonymise(accountId, context.pseudonym());
    }
}
