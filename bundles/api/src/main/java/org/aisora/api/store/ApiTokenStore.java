package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Named API tokens, looked up by the hash of the presented secret. */
@ProviderType
public interface ApiTokenStore {
    void insert(ApiTokenRecord token);

    Optional<ApiTokenRecord> findByTokenHash(String tokenHash);

    /** The account's tokens, newest first. */
    List<ApiTokenRecord> byAccount(String accountId);

    long countByAccount(String accountId);

    /** Deletes the token only if it belongs to the account; false otherwise (missing or someone else's). */
    boolean delete(String accountId, String tokenId);

    int deleteByAccount(String accountId);
}
