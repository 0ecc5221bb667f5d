package org.aisora.api.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The per-account record of transfers to third parties: one row per (account, family, plugin, vendor, purpose),
 * its first and last transfer.
 *
 * @since 1.4
 */
@ProviderType
public interface ThirdPartyStore {
    /**
     * Records a transfer at {@code record.lastAt()}: inserts the row, or refreshes its categories and stated
     * retention and moves its {@code lastAt} forward (never back). Racing first records leave one row.
     *
     * @return false, and nothing written, when the account does not exist or is being erased
     */
    boolean record(ThirdPartyRecord record);

    /** The recorded rows of an account, most recent first. */
    List<ThirdPartyRecord> byAccount(String accountId);

    /**
     * The generation vendors of an account's job attempts: one line per (provider, vendor, stated retention)
     * with the first and last attempt; purpose and categories empty. Most recent first.
     */
    List<ThirdPartyRecord> generationVendors(String accountId);

    /** Account erasure. @return rows deleted */
    int deleteByAccount(String accountId);
}
