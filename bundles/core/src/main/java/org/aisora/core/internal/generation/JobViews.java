package org.aisora.core.internal.generation;

import java.util.List;
import org.aisora.api.service.AttemptView;
import org.aisora.api.service.ErrorView;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.service.CreditEntryView;
import org.aisora.core.internal.credits.CreditServiceImpl;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.media.MediaViews;

/** Builds what a client sees of a job, with its outputs. */
final class JobViews {
    private JobViews() {
    }

    static GenerationView view(JobRecord job, MediaStore media) {
        // only a succeeded job has outputs: spare the others (every new submission) a query
        List<MediaView> outputs = job.status() != org.aisora.api.store.JobStatus.SUCCEEDED ? List.of()
                : media.findByJob(job.id()).stream()
                .filter(m -> m.parentId() == null)
                .map(m -> MediaViews.view(m, media))
                .toList();
        ErrorView error = job.errorCode() == null ? null : new ErrorView(job.errorCode(), job.errorMessage());
        return new GenerationView(job.id(), job.type(), job.status().wireName(), job.prompt(), job.width(),
                job.height(), job.seed(), job.provider(), job.cost(), outputs, error, job.createdAt(),
                job.startedAt(), job.completedAt(), job.expiresAt());
    }

    /** One job as its owner opens it: with every provider attempt and the third parties that saw it. */
    static GenerationView withAttempts(JobRecord job, MediaStore media, JobStore jobs, LedgerStore ledger) {
        GenerationView v = view(job, media);
        List<AttemptView> attempts = jobs.attempts(job.id()).stream()
                .map(a -> new AttemptView(a.providerId(), a.outcome(), a.errorCode(), a.latencyMs(), a.costMicros(),
                        a.startedAt(), a.vendor(), a.vendorRetention()))
                .toList();
        return new GenerationView(v.id(), v.type(), v.status(), v.prompt(), v.width(), v.height(), v.seed(),
                v.provider(), v.cost(), v.outputs(), v.error(), v.createdAt(), v.startedAt(), v.completedAt(),
                v.expiresAt(), attempts, credits(job, ledger));
    }

    /** The owner's side of the job's hold and its settlement (capture or release), oldest first. */
    private static List<CreditEntryView> credits(JobRecord job, LedgerStore ledger) {
        String available = LedgerAccounts.available(job.ownerId());
        String held = LedgerAccounts.held(job.ownerId());
        return ledger.entriesOfTransactions(List.of("hold:" + job.id(), "settle:" + job.id())).stream()
                .filter(e -> e.ledgerAccount().equals(available) || e.ledgerAccount().equals(held))
                .map(e -> CreditServiceImpl.view(e, held)).toList();
    }
}
