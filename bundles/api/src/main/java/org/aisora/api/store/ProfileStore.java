package org.aisora.api.store;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Corrections of an account's profile and e-mail changes awaiting verification (at most one per account). */
@ProviderType
public interface ProfileStore {
    /** @return false when the account does not exist */
    boolean updateDetails(String accountId, String name, String contact);

    /** Stores the account's pending change, replacing an earlier one (whose code stops working). */
    void savePendingEmail(PendingEmailRecord pending);

    Optional<PendingEmailRecord> pendingEmail(String accountId);

    /** @return false when none was pending */
    boolean discardPendingEmail(String accountId);

    /**
     * In one transaction: removes the pending change with this code hash and sets the account's e-mail to it.
     *
     * @return the new e-mail, or empty when no pending change has this hash (used or replaced meanwhile)
     * @throws org.aisora.api.error.AisoraException {@code email_taken} (409) when another account has the
     *         address; then nothing changed and the change stays pending
     */
    Optional<String> confirmPendingEmail(String accountId, String codeHash);

    /** How many generation jobs and top-level media items (uploads, outputs) the account has. */
    AccountActivity activity(String accountId);

    /** Row counts for operators' overviews. */
    record AccountActivity(long jobs, long media) {
    }
}
