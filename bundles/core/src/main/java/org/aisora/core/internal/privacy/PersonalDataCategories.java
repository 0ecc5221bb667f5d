package org.aisora.core.internal.privacy;

import java.util.List;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.SessionStore;
import org.aisora.core.internal.plugins.PluginRegistry;

/**
 * Every kind of personal data, in erasure order: sessions first (nobody stays signed in), then what running
 * work could still add to (generations, then media), then the records the law keeps (pseudonymised), the
 * account last. A new kind of data is one class and one line here.
 */
final class PersonalDataCategories {
    private PersonalDataCategories() {
    }

    static List<PersonalDataCategory> all(AccountStore accounts, SessionStore sessions, JobStore jobs,
                                          MediaStore media, LedgerStore ledger, BillingStore billing,
                                          PluginRegistry registry) {
        return List.of(
                new SessionsCategory(sessions),
                new GenerationsCategory(jobs, media, registry),
                new MediaCategory(media, registry),
                new CreditsCategory(ledger),
                new PaymentsCategory(billing),
                new PreferencesCategory(accounts),
                new PolicyAcceptancesCategory(accounts),
                new AccountCategory(accounts));
    }
}
