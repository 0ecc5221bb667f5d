package org.aisora.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the retention sweeper reads and deletes: expired rows, claimed under a lease so that two
 * sweepers (two nodes) never delete the same row twice and a crashed sweeper's claims run out.
 * Tables are named by {@link Table}; a {@code kind} is the row's own kind (a media kind such as
 * {@code upload}, {@code generated}, {@code thumbnail}, {@code rendition}, or {@code job}).
 */
@ProviderType
public interface RetentionStore {
    /** The tables with an {@code expires_at} the sweeper owns. */
    enum Table { MEDIA, JOBS }

    /** One claimed row; storeId and blobKey are null for rows without a blob. */
    record Expired(Table table, String id, String kind, String ownerId, String storeId, String blobKey,
                   Instant expiresAt) {
    }

    /**
     * Claims up to {@code limit} rows of {@code table} that expired at or before {@code now} and that no
     * live claim holds (for media, the rows derived from a claimed row come with it, whatever their own
     * expiry). Jobs are claimed only once they ended. The claim lasts until {@code leaseUntil}.
     *
     * @param claim a token unique to this claim (a sweeper and round)
     * @return the rows this call claimed
     */
    List<Expired> claimExpired(Table table, Instant now, int limit, String claim, Instant leaseUntil);

    /**
     * Deletes, in one transaction, those of the rows that this claim still holds (a job's attempts go with
     * it). @return rows deleted, by kind
     */
    Map<String, Long> deleteClaimed(Table table, java.util.Collection<String> ids, String claim);

    /** Rows that expire in [from, to), by kind, without claiming anything. */
    Map<String, Long> expiring(Table table, Instant from, Instant to);

    /** Those of {@code blobKeys} (in store {@code storeId}) that a media row still refers to. */
    java.util.Set<String> referencedBlobs(String storeId, java.util.Collection<String> blobKeys);

    /**
     * Sets every expiry still in the future (after {@code now}) of one owner's rows of one kind to
     * their creation time plus {@code retention}. @return rows changed
     */
    int rederive(Table table, String ownerId, String kind, long retentionMillis, Instant now);

    /** Like {@link #rederive} for every owner on a plan (accounts.plan). @return rows changed */
    int rederiveForPlan(Table table, String plan, String kind, long retentionMillis, Instant now);

    /**
     * Like {@link #rederive}, with the downgrade grace as a floor: a row of an owner downgraded at
     * {@code t} (accounts.downgraded_at) expires no sooner than {@code t + downgradeGraceMillis}, and never
     * later than it did before (what the earlier plan gave it). @return rows changed
     */
    int rederive(Table table, String ownerId, String kind, long retentionMillis, long downgradeGraceMillis,
                 Instant now);

    /**
     * Like {@link #rederiveForPlan}, with the downgrade grace floor of
     * {@link #rederive(Table, String, String, long, long, Instant)}. @return rows changed
     */
    int rederiveForPlan(Table table, String plan, String kind, long retentionMillis, long downgradeGraceMillis,
                        Instant now);

    /**
     * Deletes, in batches, the records that expire without a blob: sessions, API tokens and e-mail changes
     * past their expiry, audit entries and device records past their retention, and mail sent (or given
     * up) before {@code mailBefore}, and the payment records kept (pseudonymised) after an account's
     * deletion once they are older than {@code legalBefore}. The IP address of a policy acceptance made
     * before {@code mailBefore} (the operational-log cut-off) is cleared; the acceptance itself stays.
     * Idempotent and safe on several nodes at once.
     *
     * @return rows deleted, by record kind ({@code session}, {@code api_token}, {@code email_change},
     *         {@code audit_entry}, {@code device_record}, {@code mail}, {@code payment_customer},
     *         {@code payment_checkout}, {@code payment_event}, {@code subscription}), and acceptances whose
     *         address was cleared ({@code acceptance_ip})
     */
    Map<String, Long> deleteExpiredRecords(Instant now, Instant mailBefore, Instant legalBefore, int batch);
}
