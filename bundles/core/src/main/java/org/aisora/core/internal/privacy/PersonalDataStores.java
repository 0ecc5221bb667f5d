package org.aisora.core.internal.privacy;

import org.aisora.api.store.AccountStore;
import org.aisora.api.store.ApiTokenStore;
import org.aisora.api.store.AuditStore;
import org.aisora.api.store.BillingClosureStore;
import org.aisora.api.store.BillingStore;
import org.aisora.api.store.DeviceStore;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.OutboxStore;
import org.aisora.api.store.PolicyStore;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.ProfileStore;
import org.aisora.api.store.SessionStore;
import org.aisora.api.store.ThirdPartyStore;
import org.aisora.api.store.VendorDeletionStore;

/**
 * Every store that holds personal data, as the categories need them, the vendor deletion queue the
 * generations category fills and the billing closure queue the payments category fills (they hold none: their
 * rows name vendor tasks and processor customers, not accounts).
 */
public record PersonalDataStores(AccountStore accounts, SessionStore sessions, ApiTokenStore tokens, JobStore jobs,
                                 MediaStore media, LedgerStore ledger, BillingStore billing, DeviceStore devices,
                                 AuditStore audit, PreferenceStore preferences, ProfileStore profiles,
                                 PolicyStore policies, OutboxStore outbox, VendorDeletionStore vendorDeletions,
                                 ThirdPartyStore thirdParties, BillingClosureStore billingClosures) {
    /** Without the billing closure queue (the payments category then only pseudonymises). */
    public PersonalDataStores(AccountStore accounts, SessionStore sessions, ApiTokenStore tokens, JobStore jobs,
                              MediaStore media, LedgerStore ledger, BillingStore billing, DeviceStore devices,
                              AuditStore audit, PreferenceStore preferences, ProfileStore profiles,
                              PolicyStore policies, OutboxStore outbox, VendorDeletionStore vendorDeletions,
                              ThirdPartyStore thirdParties) {
        this(accounts, sessions, tokens, jobs, media, ledger, billing, devices, audit, preferences, profiles, policies,
                outbox, vendorDeletions, thirdParties, null);
    }

    /** Without the third-party record (the category is then left out). */
    public PersonalDataStores(AccountStore accounts, SessionStore sessions, ApiTokenStore tokens, JobStore jobs,
                              MediaStore media, LedgerStore ledger, BillingStore billing, DeviceStore devices,
                              AuditStore audit, PreferenceStore preferences, ProfileStore profiles,
                              PolicyStore policies, OutboxStore outbox, VendorDeletionStore vendorDeletions) {
        this(accounts, sessions, tokens, jobs, media, ledger, billing, devices, audit, preferences, profiles, policies,
                outbox, vendorDeletions, null, null);
    }
}
