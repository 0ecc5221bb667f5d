package org.aisora.core.internal.vendordeletion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.api.store.VendorDeletionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fills the vendor deletion queue from a job's third-party record ({@code job_attempts}): one row per vendor
 * task, pending where the vendor offers deletion, not_supported (with the vendor's stated retention) where
 * it does not. Callers enqueue BEFORE they delete the job, attempt or media rows: the queue row is what
 * outlives them, and a crash in between only repeats an enqueue, which is idempotent.
 */
@Component(service = VendorDeletionQueue.class)
public final class VendorDeletionQueue {
    /** Generated outputs point at their job; uploads and derivatives name no vendor task of their own. */
    static final String GENERATED = "generated";

    private final VendorDeletionStore store;
    private final JobStore jobs;
    private final MediaStore media;

    @Activate
    public VendorDeletionQueue(@Reference VendorDeletionStore store, @Reference JobStore jobs,
                               @Reference MediaStore media) {
        this.store = store;
        this.jobs = jobs;
        this.media = media;
    }

    /** The vendor tasks among these attempts. @return the queue's rows for them (new or queued before) */
    public List<VendorDeletionRecord> enqueue(Collection<JobAttempt> attempts, Reason reason, Instant now) {
        Map<List<String>, JobAttempt> tasks = new LinkedHashMap<>();
        for (JobAttempt a : attempts) {
            if (a.vendor() != null && a.vendorTaskId() != null) { // ran here, or never reached the vendor: nothing
                tasks.putIfAbsent(List.of(a.providerId(), a.vendorTaskId()), a);
            }
        }
        List<VendorDeletionRecord> rows = new ArrayList<>(tasks.size());
        for (JobAttempt a : tasks.values()) {
            rows.add(store.enqueue(VendorDeletionRecord.queued(UUID.randomUUID().toString(), a.providerId(),
                    a.vendor(), a.vendorTaskId(), a.vendorDeletable(), a.vendorRetention(), reason, now)));
        }
        return rows;
    }

    /** A job's vendor tasks. @return rows queued or found */
    public int enqueueJob(String jobId, Reason reason, Instant now) {
        return jobId == null ? 0 : enqueue(jobs.attempts(jobId), reason, now).size();
    }

    /** The vendor tasks behind those items that are generated outputs. @return rows queued or found */
    public int enqueueMedia(Collection<MediaRecord> items, Reason reason, Instant now) {
        int n = 0;
        for (MediaRecord m : items) {
            if (GENERATED.equals(m.kind())) {
                n += enqueueJob(m.jobId(), reason, now);
            }
        }
        return n;
    }

    /** Like {@link #enqueueMedia} for rows known by id (the sweep's claims); a row gone meanwhile is skipped. */
    public int enqueueMediaIds(Collection<String> ids, Reason reason, Instant now) {
        List<MediaRecord> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<MediaRecord> m = media.find(id);
            m.ifPresent(items::add);
        }
        return enqueueMedia(items, reason, now);
    }
}
