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

    /** Deletes the session only if it belongs to the account; false otherwise (missing or someone else's). */
    boolean delete(String accountId, String id);

    /** Moves the session's {@code lastUsedAt} forward to {@code usedAt} (never back); false if it
     * is gone or already later. */
    boolean touch(String id, java.time.Instant usedAt);

    /** An account's sessions, oldest first. */
    List<SessionRecord> listByAccount(String accountId);

    /** @return how many sessions of the account were deleted */
    int deleteByAccount(String accountId);
}
