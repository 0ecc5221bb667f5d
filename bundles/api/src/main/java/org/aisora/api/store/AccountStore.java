package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Accounts. E-mail addresses are stored lower-case and are unique. */
@ProviderType
public interface AccountStore {
    /** @throws org.aisora.api.error.AisoraException {@code email_taken} (409) when the e-mail exists. */
    void insert(AccountRecord account);

    Optional<AccountRecord> findById(String id);

    Optional<AccountRecord> findByEmail(String email);

    List<AccountRecord> list(int offset, int limit);

    /**
     * Accounts in id order after {@code afterId} ({@code null}: from the start): a keyset page that stays
     * correct while accounts are added or removed between pages.
     */
    List<AccountRecord> listAfterId(String afterId, int limit);

    boolean updateRole(String id, String role);
}
