package org.aisora.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Restriction and objection preferences, one row per account that ever chose. */
@ProviderType
public interface PreferenceStore {
    /** Empty when the account never chose (every preference is then off). */
    Optional<PreferencesRecord> find(String accountId);

    /** Inserts or replaces the account's row. */
    void save(PreferencesRecord preferences);

    /** Account erasure. @return rows deleted (0 or 1) */
    int deleteByAccount(String accountId);
}
