package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.ServiceBusyException;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.policy.RetentionPolicy;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationService;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.AdmissionState;
import org.aisora.api.store.CounterRefusal;
import org.aisora.api.store.JobEnqueue;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.PreferenceStore;
import org.aisora.core.internal.accounts.EmailVerifications;
import org.aisora.core.internal.accounts.ProcessingRestriction;
import org.aisora.core.internal.limits.ConcurrencyCap;
import org.aisora.core.internal.limits.LimitRefusals;
import org.aisora.core.internal.limits.Plan;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.limits.RequestRateLimiter;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.moderation.ImageModeration;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Accepts generation requests (validate, hold the cost, queue) and answers for the caller's own jobs. */
@Component(service = GenerationService.class, configurationPid = JobsConfiguration.PID)
@Designate(ocd = JobsConfiguration.class)
public final class GenerationServiceImpl implements GenerationService {
    private final JobStore jobs;
    private final MediaStore media;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final JobEngine engine;
    private final LedgerStore ledger;
    private final PreferenceStore preferences;
    private volatile JobsConfiguration config;
    private final Clock clock;
    private final Plans plans;
    private final ConcurrencyCap concurrency = new ConcurrencyCap();

    @Activate
    public GenerationServiceImpl(@Reference JobStore jobs, @Reference MediaStore media,
                                 @Reference AccountStore accounts, @Reference PluginRegistry registry,
                                 @Reference JobEngine engine, @Reference LedgerStore ledger,
                                 @Reference PreferenceStore preferences, @Reference Plans plans,
                                 JobsConfiguration config) {
        this(jobs, media, accounts, registry, engine, ledger, preferences, plans, config, Clock.systemUTC());
    }

    public GenerationServiceImpl(JobStore jobs, MediaStore media, AccountStore accounts, PluginRegistry registry,
                                 JobEngine engine, LedgerStore ledger, PreferenceStore preferences, Plans plans,
                                 JobsConfiguration config, Clock clock) {
        this.ledger = ledger;
        this.preferences = preferences;
        this.jobs = jobs;
        this.media = media;
        this.accounts = accounts;
        this.registry = registry;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.plans = plans;
    }

    /** An edit of the request limits applies to the next submission; the service stays registered. */
    @Modified
    void modified(JobsConfiguration next) {
        this.config = next;
    }

    @Override
    public GenerationView submit(Caller caller, GenerationSubmission submission, String idempotencyKey) {
        // the restriction right comes first: no job row, no credit hold, no idempotent replay. Without a replay to
        // answer it is read inside the submission's transaction (one round trip less); an invalid request reads
        // it first, so a restricted account still hears of its restriction before its mistake.
        ValidatedSubmission v;
        String key;
        try {
            v = SubmissionValidator.validate(submission, config);
            key = IdempotencyKeys.check(idempotencyKey);
        } catch (RuntimeException invalid) {
            ProcessingRestriction.requireAllowed(preferences, caller.accountId());
            throw invalid;
        }
        if (key != null) {
            ProcessingRestriction.requireAllowed(preferences, caller.accountId());
            Optional<JobRecord> earlier = jobs.findByIdempotencyKey(caller.accountId(), key);
            if (earlier.isPresent()) {
                return JobViews.view(earlier.get(), media);
            }
        }
        // read before the transaction (it is the caller's own upload or a 404, decided inside, in the old order)
        Optional<MediaRecord> input = v.inputMediaId() == null ? Optional.empty() : media.find(v.inputMediaId());
        String jobId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        JobRecord job;
        try {
            // one transaction: the account row locked, the rate token, the plan's checks, the concurrency cap, the
            // hold and the insert; a refusal after the token was taken keeps the token taken (as it always did)
            job = jobs.submit(caller.accountId(), List.of(RequestRateLimiter.key(caller.accountId())), now,
                    state -> admit(state, caller, v, key, jobId, input, now));
        } catch (AisoraException e) {
            // two requests with one idempotency key raced: the loser answers with the winner's job
            if (key != null && e.kind() == AisoraException.Kind.CONFLICT) {
                return jobs.findByIdempotencyKey(caller.accountId(), key).map(j -> JobViews.view(j, media))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
        engine.dispatch(jobId);
        return JobViews.view(job, media);
    }

    /** The plan's limits in their documented order, under the account's row lock; the job and its hold. */
    private JobEnqueue admit(AdmissionState state, Caller caller, ValidatedSubmission v, String key, String jobId,
                             Optional<MediaRecord> input, Instant now) {
        if (key == null && state.processingRestricted()) {
            throw ProcessingRestriction.refused();
        }
        AccountRecord account = state.account();
        if (account == null) {
            throw AisoraException.unauthorized("the account no longer exists");
        }
        EmailVerifications.requireVerified(account);
        Plan plan = plans.catalog().forAccount(account.plan());
        RequestRateLimiter.acquire(state.counters(), account.id(), plan, now);
        try {
            if (v.type().producesVideo()) {
                LimitRefusals.requireVideoSeconds(plan, v.durationSeconds());
            }
            // an account over its storage quota may not add outputs: refused before any credits are held
            if (state.bytesUsed() >= plan.maxStorageBytes()) {
                throw LimitRefusals.storageQuotaExceeded(plan);
            }
            checkPinnedProvider(v, jobId);
            checkModeration(v, jobId);
            if (v.inputMediaId() != null) {
                // the caller's own upload only: another account's id is as missing as an unknown one
                input.filter(m -> m.ownerId().equals(caller.accountId()))
                        .filter(m -> "upload".equals(m.kind()) && m.contentType().startsWith("image/"))
                        .orElseThrow(() -> AisoraException.notFound("input media"));
            }
            RetentionPolicy retention = registry.retentionPolicy().orElseThrow(() -> new AisoraException(
                    AisoraException.Kind.UNAVAILABLE, "policy_unavailable", "generation is paused for now"));
            long cost = Pricing.cost(v, plans.imageTileCredits());
            JobRecord job = new JobRecord(jobId, account.id(), v.type().wireName(), v.prompt(), v.negativePrompt(),
                    v.width(), v.height(), v.durationSeconds(), v.seed(), v.provider(), key, JobStatus.QUEUED, null,
                    cost, null, null, now, null, null,
                    now.plus(retention.retention(account.plan(), ArtifactKind.OPERATIONAL_LOG)), v.inputMediaId());
            // the plan's cap on queued + running jobs, counted under the account row lock every node takes
            concurrency.require(plan, state.activeJobs());
            return new JobEnqueue(job, LedgerAccounts.hold(jobId, account.id(), cost, now));
        } catch (RuntimeException refused) {
            throw new CounterRefusal(refused);
        }
    }

    private void checkPinnedProvider(ValidatedSubmission v, String jobId) {
        if (v.provider() == null) {
            return;
        }
        GenerationProvider provider = registry.families().providers.get(v.provider())
                .orElseThrow(() -> AisoraException.unprocessable("unknown_provider",
                        "no provider '" + v.provider() + "' is installed"));
        GenerationRequest probe = new GenerationRequest(jobId, v.type(), v.prompt(), v.negativePrompt(), v.width(),
                v.height(), v.durationSeconds(), v.seed());
        if (!Routing.capable(provider, probe)) {
            throw AisoraException.unprocessable("provider_incapable",
                    "provider '" + v.provider() + "' cannot do this " + v.type().wireName() + " request");
        }
        if (!Routing.trainingSafe(provider)) {
            throw AisoraException.unprocessable("no_training_safe_provider", "provider '" + v.provider()
                    + "' may use content to train its models and has no no-training agreement");
        }
    }

    /**
     * 503 while the request could only go to vendor providers whose images no installed engine can classify
     * (and {@code images.required} holds): refused before any credits are held, rather than a job that fails.
     */
    private void checkModeration(ValidatedSubmission v, String jobId) {
        GenerationRequest probe = new GenerationRequest(jobId, v.type(), v.prompt(), v.negativePrompt(), v.width(),
                v.height(), v.durationSeconds(), v.seed());
        List<GenerationProvider> able = (v.provider() == null ? registry.families().providers.ranked()
                : registry.families().providers.get(v.provider()).stream().toList()).stream()
                .filter(p -> Routing.capable(p, probe)).filter(Routing::trainingSafe).toList();
        if (!able.isEmpty() && able.stream().allMatch(registry::refusesUnmoderated)) {
            throw new ServiceBusyException(ImageModeration.UNAVAILABLE, ImageModeration.refusal(
                    v.provider() == null ? "this request can only go to vendor providers"
                            : "provider '" + v.provider() + "' is a vendor provider"),
                    ImageModeration.RETRY_AFTER_SECONDS);
        }
    }

    @Override
    public GenerationView get(Caller caller, String id) {
        return JobViews.withAttempts(owned(caller, id), media, jobs, ledger);
    }

    @Override
    public List<GenerationView> list(Caller caller, int offset, int limit) {
        return jobs.listByOwner(caller.accountId(), Math.max(0, offset), Math.min(Math.max(1, limit), 100)).stream()
                .map(j -> JobViews.view(j, media)).toList();
    }

    @Override
    public GenerationView cancel(Caller caller, String id) {
        JobRecord job = owned(caller, id);
        if (job.status().isTerminal()) {
            throw AisoraException.conflict("job_finished", "the job already ended as " + job.status().wireName());
        }
        Instant now = clock.instant();
        jobs.complete(new JobCompletion(job.id(), JobStatus.CANCELED, "canceled", "canceled by the user", List.of(),
                LedgerAccounts.release(job.id(), job.ownerId(), job.cost(), now), now));
        return get(caller, id);
    }

    @Override
    public List<GenerationView> recent(int limit) {
        return jobs.listRecent(Math.min(Math.max(1, limit), 1000)).stream().map(j -> JobViews.view(j, media)).toList();
    }

    /** Another account's job is indistinguishable from a missing one. */
    private JobRecord owned(Caller caller, String id) {
        return jobs.find(id).filter(j -> j.ownerId().equals(caller.accountId()))
                .orElseThrow(() -> AisoraException.notFound("generation"));
    }
}
