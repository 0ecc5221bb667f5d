package org.aisora.core.internal.vendordeletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.service.VendorDeletionService;
import org.aisora.api.service.VendorDeletionView;
import org.aisora.api.store.VendorDeletionRecord;
import org.aisora.api.store.VendorDeletionRecord.Status;
import org.aisora.api.store.VendorDeletionStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.routing.Backoff;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
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
 * is not installed leaves the row pending, uncounted, for the next try after the longest backoff.
 */
@Component(service = {VendorDeletionService.class, VendorDeletionWorker.class}, immediate = true,
        configurationPid = VendorDeletionConfig.PID)
public final class VendorDeletionWorker implements VendorDeletionService {
    private static final Logger LOG = LoggerFactory.getLogger(VendorDeletionWorker.class);
    static final String NOT_INSTALLED = "provider_not_installed";
    static final String UNEXPECTED = "provider_error";
    private static final int MAX_LIST = 1000;

    private final VendorDeletionStore store;
    private final Function<String, Optional<GenerationProvider>> providers;
    private final Clock clock;
    private final String node = "vdel-" + UUID.randomUUID().toString().substring(0, 8);
    private final int batch;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration longest;
    private final Backoff backoff;
    /** The scheduled passes and their lane; null when not scheduled (tests, or interval.seconds = 0). */
    private final Lane lane;
    private final CoreScheduler.Periodic passes;

    @Activate
    public VendorDeletionWorker(@Reference VendorDeletionStore store, @Reference PluginRegistry registry,
                                @Reference CoreScheduler scheduler, VendorDeletionConfig config) {
        this(store, id -> registry.families().providers.get(id), config, Clock.systemUTC(), scheduler);
    }

    /** @param scheduler null for tests that drive {@link #runOnce()} themselves */
    public VendorDeletionWorker(VendorDeletionStore store, Function<String, Optional<GenerationProvider>> providers,
                                VendorDeletionConfig config, Clock clock, CoreScheduler scheduler) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.batch = Math.max(1, config.batch());
        this.lease = Duration.ofSeconds(Math.max(5, config.lease_seconds()));
        this.maxAttempts = Math.max(1, config.max_attempts());
        Duration base = Duration.ofSeconds(Math.max(1, config.retry_base_seconds()));
        this.longest = Duration.ofSeconds(Math.max(base.toSeconds(), config.retry_max_seconds()));
        this.backoff = new Backoff(base, longest, RandomGenerator.getDefault());
        if (scheduler != null && config.interval_seconds() > 0) {
            Duration every = Duration.ofSeconds(config.interval_seconds());
            this.lane = scheduler.lane("vendor-deletions", 1, 1);
            this.passes = scheduler.every(lane, "vendor deletion pass", every, every, this::scan);
        } else {
            this.lane = null;
            this.passes = null;
        }
    }

    @Deactivate
    public void stop() {
        if (lane != null) {
            passes.cancel();
            lane.shutdownNow();
        }
    }

    private void scan() {
        try {
            while (runOnce() == batch) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("vendor deletion pass failed, the next one resumes it: {}", e.toString());
        }
    }

    /** One pass: claims up to a batch of due rows and tries each. @return rows claimed */
    public int runOnce() {
        Instant now = clock.instant();
        List<VendorDeletionRecord> claimed = store.claim(node, now, now.plus(lease), batch);
        for (VendorDeletionRecord row : claimed) {
            try {
                attempt(row);
            } catch (RuntimeException e) { // the store: the row's lease runs out and it is tried again
                LOG.warn("vendor deletion {} not settled: {}", row.id(), e.toString());
            }
        }
        return claimed.size();
    }

    private void attempt(VendorDeletionRecord row) {
        Optional<GenerationProvider> provider = providers.apply(row.providerId());
        if (provider.isEmpty()) {
            store.postpone(row.id(), node, clock.instant().plus(longest), NOT_INSTALLED, clock.instant());
            return;
        }
        String error;
        try {
            provider.get().deleteTask(row.vendorTaskId());
            store.markDeleted(row.id(), node, clock.instant());
            return;
        } catch (ProviderException e) {
            error = e.code() == null || e.code().length() > 100 ? UNEXPECTED : e.code();
        } catch (RuntimeException e) {
            error = UNEXPECTED; // a code only: a plugin's message may quote what it was sent
        }
        Instant now = clock.instant();
        if (row.attempts() >= maxAttempts) {
            store.markFailed(row.id(), node, error, now);
            LOG.warn("vendor deletion {} at {} failed after {} attempts: {}", row.id(), row.providerId(),
                    row.attempts(), error);
        } else {
            store.retryLater(row.id(), node, now.plus(retryDelay(row.attempts())), error, now);
        }
    }

    /** Half the attempt's ceiling plus up to half again at random: never zero, so a failing batch cannot spin. */
    Duration retryDelay(int attempt) {
        return backoff.ceiling(attempt).dividedBy(2).plus(backoff.delay(attempt).dividedBy(2));
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        store.countByStatus().forEach((status, n) -> counts.put(status.code(), n));
        return counts;
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
}
