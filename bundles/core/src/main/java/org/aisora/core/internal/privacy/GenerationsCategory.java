package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;

/**
 * {@code generations.json}: every job with its prompt, parameters, outputs and attempts (which providers, and
 * which third parties with their stated retention, processed it). Erasure ends running jobs first (their holds
 * released; a worker finishing later finds the job ended and discards its outputs), queues the deletion of
 * the vendors' copies ({@link ThirdPartyErasure}), then deletes the jobs with their attempts.
 */
final class GenerationsCategory implements PersonalDataCategory {
    private static final int PAGE = 500;

    private final JobStore jobs;
    private final MediaStore media;
    private final ThirdPartyErasure thirdParties;

    GenerationsCategory(JobStore jobs, MediaStore media, VendorDeletionQueue vendorDeletions) {
        this.jobs = jobs;
        this.media = media;
        this.thirdParties = new ThirdPartyErasure(vendorDeletions);
    }

    @Override
    public String name() {
        return "generations";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = new ArrayList<>();
        for (JobRecord j : all(accountId)) {
            List<Object> attempts = jobs.attempts(j.id()).stream().map(GenerationsCategory::attempt).toList();
            List<Object> outputs = media.findByJob(j.id()).stream().filter(m -> m.parentId() == null)
                    .map(m -> (Object) m.id()).toList();
            rows.add(Rows.of().put("id", j.id()).put("type", j.type()).put("prompt", j.prompt())
                    .put("negativePrompt", j.negativePrompt()).put("width", j.width()).put("height", j.height())
                    .put("durationSeconds", j.durationSeconds()).put("seed", j.seed())
                    .put("inputMediaId", j.inputMediaId()).put("requestedProvider", j.requestedProvider())
                    .put("status", j.status().name().toLowerCase(Locale.ROOT)).put("provider", j.provider())
                    .put("cost", j.cost()).put("errorCode", j.errorCode()).put("errorMessage", j.errorMessage())
                    .put("createdAt", j.createdAt()).put("startedAt", j.startedAt())
                    .put("completedAt", j.completedAt()).put("expiresAt", j.expiresAt())
                    .put("outputs", outputs).put("attempts", attempts).map());
        }
        sink.json("generations.json", Rows.of().put("generations", rows).map());
    }

    private static Object attempt(JobAttempt a) {
        return Rows.of().put("seq", a.seq()).put("provider", a.providerId()).put("outcome", a.outcome())
                .put("errorCode", a.errorCode()).put("latencyMs", a.latencyMs()).put("startedAt", a.startedAt())
                .put("thirdParty", a.vendor() == null ? null : Rows.of().put("vendor", a.vendor())
                        .put("statedRetention", a.vendorRetention()).put("deletable", a.vendorDeletable()).map())
                .map();
    }

    @Override
    public long erase(String accountId, ErasureContext context) {
        List<JobRecord> all = all(accountId);
        Instant now = context.now();
        List<JobAttempt> attempts = new ArrayList<>();
        for (JobRecord j : all) {
            if (!j.status().isTerminal()) {
                jobs.complete(new JobCompletion(j.id(), org.aisora.api.store.JobStatus.CANCELED, "account_deleted",
                        "the account was deleted", List.of(),
                        LedgerAccounts.release(j.id(), j.ownerId(), j.cost(), now), now));
            }
            attempts.addAll(jobs.attempts(j.id()));
        }
        // queued before the attempts go: the queue row is what is left of them once the job is deleted
        thirdParties.propagate(attempts, now).forEach(context::thirdParty);
        context.detail("generations.attempts", attempts.size());
        return jobs.deleteByOwner(accountId);
    }

    private List<JobRecord> all(String accountId) {
        List<JobRecord> result = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<JobRecord> page = jobs.listByOwner(accountId, offset, PAGE);
            result.addAll(page);
            if (page.size() < PAGE) {
                return result;
            }
        }
    }
}
