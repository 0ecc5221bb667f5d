package org.aisora.api.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Sessions and tokens, looked up by the hash of the presented token. */
@ProviderType
public interface SessionStore {
    void insert(SessionRecord session);

    Optional<SessionRecord> findByTokenHash(String tokenHash);

    boolean delete(String id);

    /** An account's sessions, oldest first. */
    List<SessionRecord> listByAccount(String accountId);

    /** @return how many sessions of the account were deleted */
    int deleteByAccount(String accountId);
}
