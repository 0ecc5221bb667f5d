package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.List;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;

/**
 * {@code policy-acceptances.json}: the versions of the privacy policy the account accepted and when. Today the
 * one acceptance is the one given at registration, kept on the account row (erased with it).
 */
final class PolicyAcceptancesCategory implements PersonalDataCategory {
    private final AccountStore accounts;

    PolicyAcceptancesCategory(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "policy-acceptances";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        AccountRecord a = accounts.findAnyById(accountId).orElseThrow(() -> new IOException("the account is gone"));
        List<Object> acceptances = a.acceptedPolicyVersion() == null ? List.of()
                : List.of(Rows.of().put("version", a.acceptedPolicyVersion()).put("acceptedAt", a.createdAt())
                        .put("via", "registration").map());
        sink.json("policy-acceptances.json", Rows.of().put("acceptances", acceptances).map());
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        return 0;
    }
}
