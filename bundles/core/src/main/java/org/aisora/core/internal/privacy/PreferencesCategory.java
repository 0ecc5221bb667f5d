package org.aisora.core.internal.privacy;

import java.util.Optional;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.PreferencesRecord;

import java.io.IOException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;

/** {@code preferences.json}: restriction, analytics opt-out and marketing mail, with when they last changed. */
final class PreferencesCategory implements PersonalDataCategory {
    private final AccountStore accounts;
    private final PreferenceStore preferences;

    PreferencesCategory(AccountStore accounts, PreferenceStore preferences) {
        this.accounts = accounts;
        this.preferences = preferences;
    }

    @Override
    public String name() {
        return "preferences";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        AccountRecord a = accounts.findAnyById(accountId).orElseThrow(() -> new IOException("the account is gone"));
        Optional<PreferencesRecord> p = preferences.find(accountId);
        sink.json("preferences.json", Rows.of()
                .put("analyticsOptOut", p.map(PreferencesRecord::analyticsOptOut).orElse(false))
                .put("processingRestricted", p.map(PreferencesRecord::processingRestricted).orElse(false))
                .put("marketingEmails", p.map(PreferencesRecord::marketingEmails).orElse(false))
                .put("updatedAt", p.map(PreferencesRecord::updatedAt).orElse(a.createdAt())).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return preferences.deleteByAccount(accountId);
    }
}
