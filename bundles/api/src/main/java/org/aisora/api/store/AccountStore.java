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
     * Accounts in id order after {@code afterId} ({@code null}: from the start), not those being erased: a keyset page that stays
     * correct while accounts are added or removed between pages.
     */
    List<AccountRecord> listAfterId(String afterId, int limit);

    boolean updateRole(String id, String role);

    // Erasure. An account with an erasure mark is invisible to findById, findByEmail and list.

    /**
     * Marks the account as being erased, unless it is already. @return the mark now stored (the earlier one
     * when a previous run set it), empty when there is no such account
     */
    Optional<ErasureMark> beginErasure(ErasureMark mark);

    /** The account's mark, found by its e-mail (the only way back to an account being erased). */
    Optional<ErasureMark> erasureMarkByEmail(String email);

    /** The mark of an account id, empty when the account is not being erased or is gone. */
    Optional<ErasureMark> erasureMark(String accountId);

    /** Replaces the erasure's progress text. */
    void saveErasureProgress(String accountId, String progress);

    /** Deletes the account row (with its mark): the last step of an erasure. @return false when it was gone */
    boolean delete(String accountId);

    /** The account row whether or not it is being erased, for export and erasure only. */
    Optional<AccountRecord> findAnyById(String accountId);
}
