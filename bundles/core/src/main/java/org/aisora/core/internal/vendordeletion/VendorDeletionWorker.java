package org.aisora.core.internal.vendordeletion;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.service.VendorDeletionService;
import org.aisora.api.service.VendorDeletionView;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.api.store.VendorDeletionStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.queue.QueuePasses;
import org.aisora.core.internal.queue.QueuePolicy;
import org.aisora.core.internal.queue.QueueRunner;
import org.aisora.core.internal.queue.QueueStore;
import org.aisora.core.internal.queue.QueueWork;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the vendor deletion queue: claims due rows under a lease and asks each row's provider, if it is
 * installed now, to delete the vendor task. A refusal puts the row back with exponential backoff (base
 * doubled per attempt, capped, with jitter) until {@code max_attempts}, then it is failed. A provider that
 * is not installed leaves the row pending, uncounted, for the next try after the longest backoff. The
 * claiming, settling and scheduling are every leased queue's ({@link QueueRunner}, {@link QueuePasses}).
 */
@Component(service = {VendorDeletionService.class, VendorDeletionWorker.class}, immediate = true,
        configurationPid = VendorDeletionConfig.PID)
public final class VendorDeletionWorker implements VendorDeletionService {
    private static final Logger LOG = LoggerFactory.getLogger(VendorDeletionWorker.class);
    static final String NOT_INSTALLED = "provider_not_installed";
    static final String UNEXPECTED = "provider_error";
    private static final int MAX_LIST = 1000;

    private final VendorDeletionStore store;
    private final QueuePolicy policy;
    private final QueueRunner<VendorDeletionRecord> runner;
    private final QueuePasses passes;

    @Activate
    public VendorDeletionWorker(@Reference VendorDeletionStore store, @Reference PluginRegistry registry,
                                @Reference CoreScheduler scheduler, VendorDeletionConfig config) {
        this(store, id -> registry.families().providers.get(id), config, Clock.systemUTC(), scheduler);
    }

    /** @param scheduler null for tests that drive {@link #runOnce()} themselves */
    public VendorDeletionWorker(VendorDeletionStore store, Function<String, Optional<GenerationProvider>> providers,
                                VendorDeletionConfig config, Clock clock, CoreScheduler scheduler) {
        this.store = store;
        this.policy = new QueuePolicy(config.batch(), config.lease_seconds(), config.retry_base_seconds(),
                config.retry_max_seconds(), config.max_attempts());
        this.runner = new QueueRunner<>("vendor deletion", "vdel",
                new QueueStore<>(store::claim, store::retryLater, store::markFailed, store::postpone),
                new Deletion(store, providers, clock), policy, clock, LOG);
        this.passes = new QueuePasses(scheduler, config.interval_seconds(), "vendor-deletions", "vendor deletion",
                policy.batch(), this::runOnce, LOG);
    }

    @Deactivate
    public void stop() {
        passes.stop();
    }

    /** One pass: claims up to a batch of due rows and tries each. @return rows claimed */
    public int runOnce() {
        return runner.runOnce(policy.batch());
    }

    @Override
    public Map<String, Long> counts() {
        return QueueStore.byCode(store.countByStatus(), Status::code);
    }

    @Override
    public List<VendorDeletionView> list(String status, int limit) {
        Status s;
        try {
            s = Status.of(status == null ? "" : status.strip());
        } catch (IllegalArgumentException e) {
            throw AisoraException.badRequest("invalid_status", "status must be pending, deleted, failed or not_supported");
        }
        return store.list(s, Math.min(Math.max(1, limit), MAX_LIST)).stream().map(VendorDeletionWorker::view).toList();
    }

    @Override
    public int runNow() {
        return runOnce();
    }

    static VendorDeletionView view(VendorDeletionRecord r) {
        return new VendorDeletionView(r.id(), r.providerId(), r.vendor(), r.vendorTaskId(), r.reason().code(),
                r.status().code(), r.attempts(), r.nextAttemptAt(), r.lastError(), r.vendorRetention(), r.createdAt(),
                r.updatedAt());
    }

    /** One row's work: the provider deletes the vendor task, then the row is marked deleted. */
    private record Deletion(VendorDeletionStore store, Function<String, Optional<GenerationProvider>> providers,
                            Clock clock) implements QueueWork<VendorDeletionRecord> {
        @Override
        public Optional<Work> work(VendorDeletionRecord row, String node) {
            return providers.apply(row.providerId()).map(provider -> () -> {
                provider.deleteTask(row.vendorTaskId());
                store.markDeleted(row.id(), node, clock.instant());
            });
        }

        @Override
        public String errorCode(Exception e) {
            return e instanceof ProviderException p ? QueueWork.code(p.code(), UNEXPECTED) : UNEXPECTED;
        }

        @Override
        public String notInstalled() {
            return NOT_INSTALLED;
        }

        @Override
        public String id(VendorDeletionRecord row) {
            return row.id();
        }

        @Override
        public int attempts(VendorDeletionRecord row) {
            return row.attempts();
        }

        @Override
        public String target(VendorDeletionRecord row) {
            return row.providerId();
        }
    }
}
