package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.aisora.core.internal.moderation.ImageModeration;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.plugins.PluginSet;
import org.aisora.core.internal.plugins.Ranked;
import org.aisora.core.internal.plugins.RoutingRules;
import org.aisora.core.internal.routing.Candidate;
import org.aisora.core.internal.routing.CircuitBreaker;
import org.aisora.core.internal.routing.RetryDecision;
import org.aisora.core.internal.routing.Route;

/**
 * Takes one job through its providers: route by capability, configured order, ranking and health;
 * call each under its circuit breaker; retry with backoff (honouring Retry-After) or fall back to the
 * next provider. Each call is an attempt row ({@link Attempts}) written before the provider is called, given the
 * vendor's task id as soon as it answers and settled when the call ends. A provider that disappears while a
 * task runs is left for the next one (the job is dispatched once more, elsewhere); the job fails with
 * {@code provider_removed} when nothing else can take it. A call whose node died is resumed by polling its
 * task ({@link #resume}), never by a second submit.
 */
final class Dispatch {
    /** How a dispatch ended: a terminal successful task, the user's cancel, or a failure to end the job with. */
    record Result(ProviderTask task, GenerationProvider provider, String errorCode, String message, boolean rejected,
                  boolean canceled) {
        static Result success(ProviderTask task, GenerationProvider provider) {
            return new Result(task, provider, null, null, false, false);
        }

        static Result failure(String code, String message, boolean rejected) {
            return new Result(null, null, code, message, rejected, false);
        }

        static Result canceledByUser() {
            return new Result(null, null, null, null, false, true);
        }
    }

    static final String PROVIDER_REMOVED = "provider_removed";
    private static final int MAX_POLL_ERRORS = 5;

    private final JobStore jobs;
    private final PluginRegistry registry;
    private final Clock clock;
    private final long pollIntervalMs;
    private final Attempts attempts;

    Dispatch(JobStore jobs, PluginRegistry registry, Clock clock, long pollIntervalMs, Attempts attempts) {
        this.jobs = jobs;
        this.registry = registry;
        this.clock = clock;
        this.pollIntervalMs = pollIntervalMs;
        this.attempts = attempts;
    }

    Result run(JobRecord job, GenerationRequest request, Instant deadline) throws InterruptedException {
        PluginSet<GenerationProvider> providers = registry.families().providers;
        RoutingRules rules = registry.routing();
        Route route = rules.order().route(request.type(), candidates(providers, request), job.requestedProvider());
        Attempts.Seq seq = attempts.new Seq(job.id());
        for (String skipped : route.skippedCircuitOpen()) {
            attempts.skipped(job, seq.next(), skipped, null);
        }
        if (!route.ok()) {
            return Result.failure(route.errorCode(), route.message(), false);
        }
        ProviderException last = null;
        for (String id : route.toTry()) {
            CircuitBreaker breaker = registry.breakers().of(id);
            for (int call = 1; ; call++) {
                Optional<GenerationProvider> found = providers.get(id);
                if (found.isEmpty()) {
                    last = removed(id);
                    break;
                }
                if (!breaker.allow()) {
                    attempts.skipped(job, seq.next(), id, found.get());
                    break;
                }
                GenerationProvider provider = found.get();
                if (!Routing.trainingSafe(provider)) {
                    // reconfigured since routing (its agreement withdrawn): the promise holds over the order
                    last = new ProviderException("no_training_safe_provider", "provider '" + id
                            + "' may use content to train its models and has no no-training agreement", false);
                    break;
                }
                if (registry.refusesUnmoderated(provider)) {
                    // the image-classifying engine went away since routing: nothing goes out unmoderated
                    last = new ProviderException(ImageModeration.UNAVAILABLE, ImageModeration.refusal("provider '" + id
                            + "' is a vendor provider"), false);
                    break;
                }
                Optional<Attempts.Open> open = attempts.start(job, seq.next(), provider);
                if (open.isEmpty()) {
                    breaker.release();
                    return Result.canceledByUser(); // erased with its account: nothing is sent
                }
                Attempts.Open attempt = open.get();
                String[] taskId = {null};
                try {
                    ProviderTask task = provider.submit(request.withIdempotencyKey(attempt.key()));
                    taskId[0] = task.taskId();
                    attempts.accepted(attempt, task);
                    task = awaitTerminal(job, provider, providers, task, deadline);
                    if (task == null) {
                        breaker.release();
                        attempts.settle(attempt, "canceled", null, 0, taskId[0]);
                        return Result.canceledByUser();
                    }
                    breaker.onSuccess();
                    attempts.settle(attempt, "succeeded", null, cost(provider, request), taskId[0]);
                    return Result.success(task, provider);
                } catch (ProviderException e) {
                    last = e;
                    boolean rejected = ProviderException.CONTENT_POLICY.equals(e.code());
                    if (PROVIDER_REMOVED.equals(e.code())) {
                        breaker.release();
                    } else {
                        breaker.onFailure(e);
                    }
                    attempts.settle(attempt, rejected ? "rejected" : "failed", e.code(), 0, taskId[0]);
                    RetryDecision decision = rules.retries().decide(call, e);
                    if (decision.action() == RetryDecision.Action.STOP) {
                        return Result.failure(e.code(), e.getMessage(), rejected);
                    }
                    if (decision.action() == RetryDecision.Action.NEXT_PROVIDER) {
                        break;
                    }
                    if (!sleepBefore(deadline, decision.delay())) {
                        return Result.failure(ProviderException.TIMEOUT, "the providers did not finish in time", false);
                    }
                    if (canceled(job)) {
                        return Result.canceledByUser();
                    }
                } catch (RuntimeException e) {
                    breaker.release();
                    last = new ProviderException("provider_error", "the provider failed unexpectedly", false);
                    attempts.settle(attempt, "failed", "provider_error", 0, taskId[0]);
                    break;
                }
            }
        }
        if (last == null) {
            return Result.failure("no_provider", "no installed provider could take the job", false);
        }
        return Result.failure(last.code(), last.getMessage(), false);
    }

    /**
     * Whether no installed provider could take the job for want of a plugin (none capable or the pinned one
     * absent, or the image-moderation engine vendors need): what a recovered job waits out after a start.
     */
    boolean providerMissing(JobRecord job, GenerationRequest request) {
        Route route = registry.routing().order().route(request.type(), candidates(registry.families().providers,
                request), job.requestedProvider());
        return switch (route.problem()) {
            case NO_PROVIDER, PINNED_UNKNOWN, IMAGE_MODERATION_UNAVAILABLE -> true;
            default -> false;
        };
    }

    /**
     * Picks up the call of a job whose node died after the vendor accepted it: polls its task to the end, no new
     * submit, and settles the same attempt row. A task that fails ends the job (no retry, no fallback: those
     * would be new calls the user did not wait for).
     */
    Result resume(JobRecord job, GenerationRequest request, JobAttempt found, GenerationProvider provider,
                  Instant deadline)
            throws InterruptedException {
        PluginSet<GenerationProvider> providers = registry.families().providers;
        String taskId = found.vendorTaskId();
        try {
            ProviderTask task = awaitTerminal(job, provider, providers, ProviderTask.running(taskId), deadline);
            if (task == null) {
                attempts.settle(job, found, "canceled", null, 0, taskId);
                return Result.canceledByUser();
            }
            attempts.settle(job, found, "succeeded", null, cost(provider, request), taskId);
            return Result.success(task, provider);
        } catch (ProviderException e) {
            boolean rejected = ProviderException.CONTENT_POLICY.equals(e.code());
            attempts.settle(job, found, rejected ? "rejected" : "failed", e.code(), 0, taskId);
            return Result.failure(e.code(), e.getMessage(), rejected);
        } catch (RuntimeException e) {
            attempts.settle(job, found, "failed", "provider_error", 0, taskId);
            return Result.failure("provider_error", "the provider failed unexpectedly", false);
        }
    }

    /** Polls a submitted task until terminal; null when the user canceled meanwhile. */
    private ProviderTask awaitTerminal(JobRecord job, GenerationProvider provider, PluginSet<GenerationProvider> providers,
                                       ProviderTask submitted, Instant deadline)
            throws ProviderException, InterruptedException {
        ProviderTask task = submitted;
        int pollErrors = 0;
        while (!task.isTerminal()) {
            Thread.sleep(pollIntervalMs);
            if (canceled(job)) {
                cancelQuietly(provider, task.taskId());
                if (jobs.find(job.id()).isEmpty()) {
                    deleteQuietly(provider, task.taskId()); // erased with its account: the vendor's copy goes too
                }
                return null;
            }
            if (providers.get(provider.id()).orElse(null) != provider) {
                throw removed(provider.id()); // no call into a vanished service: its task is abandoned
            }
            if (clock.instant().isAfter(deadline)) {
                cancelQuietly(provider, task.taskId());
                throw new ProviderException(ProviderException.TIMEOUT, "the provider did not finish in time", false);
            }
            try {
                task = provider.poll(task.taskId());
                pollErrors = 0;
            } catch (ProviderException e) {
                // a throttled or flaky status endpoint does not mean the task failed: keep asking, a few times
                if (!e.retryable() || ++pollErrors > MAX_POLL_ERRORS) {
                    throw e;
                }
            }
        }
        return switch (task.status()) {
            case SUCCEEDED -> task;
            case CANCELED -> throw new ProviderException("provider_canceled", "the provider canceled the task", false);
            default -> throw new ProviderException(task.errorCode() == null ? "provider_failed" : task.errorCode(),
                    task.errorMessage() == null ? "the provider could not generate this" : task.errorMessage(), false);
        };
    }

    private List<Candidate> candidates(PluginSet<GenerationProvider> providers, GenerationRequest request) {
        List<Candidate> out = new ArrayList<>();
        for (Ranked<GenerationProvider> e : providers.entries()) {
            GenerationProvider p = e.plugin();
            out.add(new Candidate(p.id(), e.ranking(), Routing.capable(p, request), health(p),
                    registry.breakers().of(p.id()).available(), Routing.trainingSafe(p),
                    !registry.refusesUnmoderated(p)));
        }
        return out;
    }

    private static PluginHealth.Status health(GenerationProvider p) {
        try {
            return p.health().status();
        } catch (RuntimeException e) {
            return PluginHealth.Status.OFFLINE;
        }
    }

    private boolean canceled(JobRecord job) {
        return jobs.find(job.id()).map(j -> j.status().isTerminal()).orElse(true);
    }

    private boolean sleepBefore(Instant deadline, Duration delay) throws InterruptedException {
        Instant wake = clock.instant().plus(delay);
        if (wake.isAfter(deadline)) {
            return false;
        }
        Thread.sleep(Math.max(0, delay.toMillis()));
        return true;
    }

    private static ProviderException removed(String id) {
        return new ProviderException(PROVIDER_REMOVED, "provider '" + id + "' was removed while the job ran", false);
    }

    private static void cancelQuietly(GenerationProvider provider, String taskId) {
        try {
            provider.cancel(taskId);
        } catch (ProviderException | RuntimeException e) {
            // best effort: the job ends on our side either way
        }
    }

    private static void deleteQuietly(GenerationProvider provider, String taskId) {
        try {
            provider.deleteTask(taskId);
        } catch (ProviderException | RuntimeException e) {
            // best effort, like the erasure's own propagation
        }
    }

    private static long cost(GenerationProvider provider, GenerationRequest request) {
        try {
            return Math.max(0, provider.costMicros(request));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
