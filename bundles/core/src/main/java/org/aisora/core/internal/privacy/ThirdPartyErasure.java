package org.aisora.core.internal.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisora.api.service.DeletionReceiptView.ThirdPartyDeletion;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;

/**
 * Propagates an erasure to the vendors that saw the account's jobs, from the third-party record of
 * {@code job_attempts}: each vendor task goes into the vendor deletion queue, which outlives the job rows
 * and the account and retries until the vendor deleted it. The receipt says what is true when it is
 * written: {@code queued}, or {@code not_supported} where the vendor offers no deletion (its stated
 * retention is kept in the queue), or what an earlier deletion of the same task already reached.
 */
final class ThirdPartyErasure {
    static final String QUEUED = "queued";

    private final VendorDeletionQueue queue;

    ThirdPartyErasure(VendorDeletionQueue queue) {
        this.queue = queue;
    }

    /** One result per provider and status, with the number of tasks it covers. */
    List<ThirdPartyDeletion> propagate(List<JobAttempt> attempts, Instant now) {
        Map<List<String>, Long> results = new LinkedHashMap<>();
        for (VendorDeletionRecord row : queue.enqueue(attempts, Reason.ACCOUNT_DELETED, now)) {
            String status = row.status() == VendorDeletionRecord.Status.PENDING ? QUEUED : row.status().code();
            results.merge(List.of(row.providerId(), String.valueOf(row.vendor()), status), 1L, Long::sum);
        }
        List<ThirdPartyDeletion> out = new ArrayList<>();
        results.forEach((k, n) -> out.add(new ThirdPartyDeletion(k.get(0), k.get(1), k.get(2), n)));
        return out;
    }
}
