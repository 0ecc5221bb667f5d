package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Published privacy policy versions and who accepted which. */
@ProviderType
public interface PolicyStore {
    /** @return {@code false} when the version exists (nothing changes) */
    boolean publish(PolicyVersionRecord version);

    /** The most recently published version, text included. */
    Optional<PolicyVersionRecord> latest();

    Optional<PolicyVersionRecord> find(String version);

    /** @return {@code false} when the account had accepted that version before (the first record stays) */
    boolean accept(PolicyAcceptanceRecord acceptance);

    /** Oldest first. */
    List<PolicyAcceptanceRecord> byAccount(String accountId);

    /** Erasure. @return rows deleted */
    int deleteByAccount(String accountId);
}
