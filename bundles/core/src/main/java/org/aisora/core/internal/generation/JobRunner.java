package org.aisora.core.internal.generation;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.aisora.api.moderation.ModerationEngine;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.media.BlobCleanup;
import org.aisora.core.internal.media.MediaConfiguration;
import org.aisora.core.internal.media.MediaWriter;
import org.aisora.core.internal.media.OutputLimits;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.plugins.PluginSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one queued job to a terminal state: moderate the prompt, dispatch it to providers (routing,
 * retries and fallback live in Dispatch), store the outputs, then capture or release the hold in the same
 * transaction that ends the job. Every path
 * ends the job; a crash before that leaves it running under a lease, and once the lease runs out a node takes
 * it over. The engine hands it only jobs this node claimed; the start (queued → running) checks the claim.
 * A job taken over while a vendor call was under way is never sent to a vendor again: its task is polled where
 * the provider can pick it up ({@link GenerationProvider#resumable}), else the call is settled {@code lost} and
 * the job fails {@value #ATTEMPT_LOST} with its credits released. A call to a provider on our own machine sent
 * nothing out and cost nothing: it is settled {@code lost} and the job runs again.
 */
final class JobRunner {
    /** How a run ended: the job was taken as far as this node can take it, or it waits for its plugins. */
    enum Outcome { DONE, WAITING }

    /** The error code of a job whose vendor call was cut off by its node's death and could not be picked up. */
    static final String ATTEMPT_LOST = "vendor_attempt_lost";

    /** One step of a run; whatever it throws ends the job. */
    private interface Step {
        void run() throws ProviderException, IOException, InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    /** The media settings in force, asked per job (an edit applies to the next job's outputs). */
    private final Supplier<MediaConfiguration> output;
    private final JobsConfiguration config;
    private final Clock clock;
    private final JobInputs inputs;
    private final Dispatch dispatch;
    private final ModerationCounters counters;
    private final JobLeases leases;
    private final ProviderGrace grace;
    private final Attempts attempts;

    JobRunner(JobStore jobs, AccountStore accounts, MediaStore media, PluginRegistry registry,
              ModerationCounters counters, JobsConfiguration config, Supplier<MediaConfiguration> output, Clock clock,
              JobLeases leases, ProviderGrace grace) {
        this.counters = counters;
        this.leases = leases;
        this.grace = grace;
        this.inputs = new JobInputs(media, registry);
        this.attempts = new Attempts(jobs, registry, clock);
        this.dispatch = new Dispatch(jobs, registry, clock, config.poll_interval_ms(), attempts);
        this.jobs = jobs;
        this.accounts = accounts;
        this.registry = registry;
        this.output = output;
        this.config = config;
        this.clock = clock;
    }

    /** Runs a job this node claimed. */
    Outcome run(String jobId) throws InterruptedException {
        Optional<JobRecord> found = jobs.find(jobId);
        if (found.isEmpty() || found.get().status() != JobStatus.QUEUED) {
            return Outcome.DONE;
        }
        JobRecord job = found.get();
        GenerationRequest request = new GenerationRequest(job.id(), GenerationType.fromWire(job.type()).orElseThrow(),
                job.prompt() == null ? "" : job.prompt(), job.negativePrompt(), job.width(), job.height(),
                job.durationSeconds(), job.seed(), inputs.of(job.inputMediaId()));
        Optional<JobAttempt> interrupted = job.startedAt() == null ? Optional.empty()
                : attempts.interrupted(job.id());
        if (interrupted.isPresent() && interrupted.get().vendor() != null) {
            return takeOver(job, request, interrupted.get());
        }
        if (interrupted.isPresent()) { // on our own machine: nothing went out, nothing was billed, it runs again
            attempts.settle(job, interrupted.get(), JobAttempt.LOST, "node_lost", 0, null);
        }
        // before moderation: a moderation engine may be a vendor too, and asking it again and again costs
        if (grace.waits(job, () -> registry.families().moderation.ranked().isEmpty()
                || dispatch.providerMissing(job, request))) {
            return Outcome.WAITING;
        }
        guarded(job, () -> {
            String rejection = moderate(job);
            if (rejection != null && rejection.isEmpty()) {
                // fail closed: the policy promises every prompt is moderated before dispatch
                end(job, JobStatus.FAILED, "moderation_unavailable", "no moderation engine could check the prompt");
                return;
            }
            if (rejection != null) {
                end(job, JobStatus.REJECTED, "prompt_rejected", rejection);
                return;
            }
            if (leases.markRunning(job.id())) { // false: our claim was lost (a stop released it), another node runs it
                Instant deadline = clock.instant().plusSeconds(config.job_timeout_seconds());
                finish(job, dispatch.run(job, request, deadline));
            }
        });
        return Outcome.DONE;
    }

    /**
     * A job whose node died during a vendor call ({@code call} is still started) or while it stored the call's
     * outputs ({@code call} succeeded): the vendor's task is polled (to its end, or for its outputs once more)
     * where the provider can pick it up; otherwise the call is lost and the job fails, its credits released. The
     * vendor is never called a second time. A provider not installed (yet) is waited for within the grace.
     */
    private Outcome takeOver(JobRecord job, GenerationRequest request, JobAttempt call) throws InterruptedException {
        PluginSet<GenerationProvider> providers = registry.families().providers;
        // the outputs are moderated when they are stored: the engines are waited for too
        if (grace.waits(job, () -> providers.get(call.providerId()).isEmpty()
                || registry.families().moderation.ranked().isEmpty())) {
            return Outcome.WAITING;
        }
        GenerationProvider provider = providers.get(call.providerId()).orElse(null);
        String lost = provider == null ? "no_provider" : call.vendorTaskId() == null ? "no_task_id"
                : resumable(provider, call.vendorTaskId()) ? null : "not_resumable";
        if (lost != null) {
            LOG.warn("job {}: its node stopped during attempt {} at {} ({}); the attempt is lost, the job fails",
                    job.id(), call.seq(), call.providerId(), lost);
            // the job ends first: a crash between the two leaves a failed job, never one that is sent again
            end(job, JobStatus.FAILED, ATTEMPT_LOST, "the job was interrupted during or right after the work of"
                    + " provider '" + call.providerId() + "', and that work could not be picked up again; nothing was"
                    + " charged");
            attempts.settle(job, call, JobAttempt.LOST, lost, 0, null);
            return Outcome.DONE;
        }
        LOG.info("job {}: resuming task {} at {} from an interrupted run", job.id(), call.vendorTaskId(),
                call.providerId());
        guarded(job, () -> {
            if (leases.markRunning(job.id())) {
                Instant deadline = clock.instant().plusSeconds(config.job_timeout_seconds());
                finish(job, dispatch.resume(job, request, call, provider, deadline));
            }
        });
        return Outcome.DONE;
    }

    private static boolean resumable(GenerationProvider provider, String taskId) {
        try {
            return provider.resumable(taskId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs a step; whatever it throws ends the job, with its hold released. */
    private void guarded(JobRecord job, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (ProviderException e) {
            end(job, "output_rejected".equals(e.code()) ? JobStatus.REJECTED : JobStatus.FAILED, e.code(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("job {} could not store its outputs: {}", job.id(), e.toString());
            end(job, JobStatus.FAILED, "storage_error", "the outputs could not be stored");
        } catch (RuntimeException e) {
            LOG.error("job {} failed unexpectedly", job.id(), e);
            end(job, JobStatus.FAILED, "internal_error", "the job failed on our side");
        }
    }

    /** @return null when allowed, "" when no engine could check, else the rejection message */
    private String moderate(JobRecord job) {
        List<ModerationEngine> engines = registry.families().moderation.ranked();
        if (engines.isEmpty()) {
            return "";
        }
        String text = job.negativePrompt() == null ? nullToEmpty(job.prompt()) : job.prompt() + "\n" + job.negativePrompt();
        for (ModerationEngine engine : engines) {
            ModerationVerdict verdict;
            try {
                registry.thirdParties().sent(job.ownerId(), PluginFamily.MODERATION, engine);
                verdict = engine.moderateText(text);
            } catch (RuntimeException e) {
                return "";
            }
            counters.prompt(verdict);
            if (!verdict.review().isEmpty()) {
                // categories only: the prompt itself never reaches a log
                LOG.info("job {}: prompt flagged for review by {}: {}", job.id(), engine.id(), verdict.review());
            }
            if (verdict.flagged()) {
                return "the prompt was rejected by moderation (" + String.join(", ", verdict.categories()) + ")";
            }
        }
        return null;
    }

    private void finish(JobRecord job, Dispatch.Result result) throws ProviderException, IOException {
        if (result.canceled()) {
            return; // canceled by the user meanwhile; the hold is already released
        }
        if (result.task() == null) {
            end(job, result.rejected() ? JobStatus.REJECTED : JobStatus.FAILED, result.errorCode(), result.message());
            return;
        }
        succeed(job, result.task(), result.provider().id());
    }

    private void succeed(JobRecord job, ProviderTask task, String providerId) throws IOException, ProviderException {
        try {
            store(job, task, providerId);
        } finally {
            // stored or not, the provider's spool files go now: none survives its job
            MediaWriter.release(task.outputs());
        }
    }

    private void store(JobRecord job, ProviderTask task, String providerId) throws IOException, ProviderException {
        if (task.outputs().isEmpty()) {
            throw new ProviderException("invalid_provider_output", "the provider returned no output", false);
        }
        BlobStore store = registry.thirdParties().recording(registry.defaultBlobStore()
                .orElseThrow(() -> new IOException("no blob store installed")), job.ownerId());
        Instant now = clock.instant();
        MediaConfiguration settings = output.get();
        MediaWriter writer = new MediaWriter(settings.thumbnail_size(), OutputLimits.of(settings), registry::transcoder,
                settings.moderation_video_frames());
        List<MediaRecord> rows = writer.store(job, task.outputs(), new OutputModeration(registry, job, counters),
                store, now, outputExpiry(job, now));
        boolean completed = jobs.complete(new JobCompletion(job.id(), JobStatus.SUCCEEDED, null, null, rows,
                LedgerAccounts.capture(job.id(), job.ownerId(), job.cost(), now), now, providerId));
        if (!completed) {
            BlobCleanup.discard(rows, store); // canceled while we stored: nothing may stay behind
            if (accounts.findById(job.ownerId()).isEmpty()) {
                // the account was erased meanwhile: storing made it a new data key, which goes too
                BlobCleanup.shred(job.ownerId(), store);
            }
        }
    }

    private Instant outputExpiry(JobRecord job, Instant now) {
        String plan = accounts.findById(job.ownerId()).map(AccountRecord::plan).orElse("free");
        return registry.retentionPolicy()
                .map(p -> now.plus(p.retention(plan, ArtifactKind.GENERATED_OUTPUT)))
                .orElse(job.expiresAt());
    }

    private void end(JobRecord job, JobStatus status, String code, String message) {
        Instant now = clock.instant();
        jobs.complete(new JobCompletion(job.id(), status, code, message, List.of(),
                LedgerAccounts.release(job.id(), job.ownerId(), job.cost(), now), now));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
