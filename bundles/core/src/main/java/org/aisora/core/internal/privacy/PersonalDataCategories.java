package org.aisora.core.internal.privacy;

import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import org.aisora.core.internal.billingclosure.BillingClosures;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;

/**
 * Every kind of personal data, in erasure order: sessions first (nobody stays signed in), then what running
 * work could still add to (generations, then media), then the records the law keeps (pseudonymised), the
 * account last. A new kind of data is one class and one line here.
 */
final class PersonalDataCategories {
    private PersonalDataCategories() {
    }

    static List<PersonalDataCategory> all(PersonalDataStores s, PluginRegistry registry) {
        List<PersonalDataCategory> all = new ArrayList<>(List.of(
                new SessionsCategory(s.sessions()),
                new TokensCategory(s.tokens()),
                new GenerationsCategory(s.jobs(), s.media(),
                        new VendorDeletionQueue(s.vendorDeletions(), s.jobs(), s.media())),
                new MediaCategory(s.media(), registry),
                new CreditsCategory(s.ledger()),
                new PaymentsCategory(s.billing(), s.billingClosures() == null ? null : new BillingClosures(
                        s.billingClosures(), id -> registry.families().payments.get(id), Clock.systemUTC())),
                new DevicesCategory(s.devices(), s.sessions()),
                new AuditCategory(s.audit()),
                new OutboxCategory(s.outbox()),
                new PreferencesCategory(s.accounts(), s.preferences()),
                new PolicyAcceptancesCategory(s.policies()),
                new AccountCategory(s.accounts(), s.profiles())));
        if (s.thirdParties() != null) {
            all.add(all.size() - 1, new ThirdPartiesCategory(s.thirdParties()));
        }
        return List.copyOf(all);
    }
}
