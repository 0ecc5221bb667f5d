package org.aisora.core.internal.privacy;

import java.io.IOException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;

/**
 * {@code preferences.json}. Until preferences are stored of their own, every account has the defaults the
 * platform applies (nothing restricted, analytics counted, no marketing mail); nothing of it lives outside
 * the account row, so erasing it deletes nothing of its own.
 */
final class PreferencesCategory implements PersonalDataCategory {
    private final AccountStore accounts;

    PreferencesCategory(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "preferences";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        AccountRecord a = accounts.findAnyById(accountId).orElseThrow(() -> new IOException("the account is gone"));
        sink.json("preferences.json", Rows.of().put("analyticsOptOut", false).put("processingRestricted", false)
                .put("marketingEmails", false).put("updatedAt", a.createdAt()).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return 0;
    }
}
