package org.aisora.core.internal.privacy;

import java.io.IOException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.ProfileStore;

/**
 * The profile: {@code account.json}, with an e-mail change awaiting verification if there is one. Its row carries the erasure mark, so the erasure deletes it last of all,
 * after the receipt is stored; this category only counts it.
 */
final class AccountCategory implements PersonalDataCategory {
    private final AccountStore accounts;
    private final ProfileStore profiles;

    AccountCategory(AccountStore accounts, ProfileStore profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "account";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        AccountRecord a = accounts.findAnyById(accountId).orElseThrow(() -> new IOException("the account is gone"));
        sink.json("account.json", Rows.of().put("id", a.id()).put("name", a.name()).put("email", a.email())
                .put("contact", a.contact()).put("birthYear", a.birthYear()).put("role", a.role())
                .put("plan", a.plan()).put("createdAt", a.createdAt())
                .put("pendingEmail", profiles.pendingEmail(accountId).map(p -> p.newEmail()).orElse(null)).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        // an e-mail change awaiting its code holds an address too
        context.detail("account.pending_email", profiles.discardPendingEmail(accountId) ? 1 : 0);
        return accounts.findAnyById(accountId).isPresent() ? 1 : 0;
    }
}
