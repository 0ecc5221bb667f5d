package org.aisora.core.internal.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.aisora.api.service.RetentionService;
import org.aisora.api.service.SweepReport;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.RetentionStore;
import org.aisora.api.store.RetentionStore.Table;
import org.aisora.api.store.UsageStore;
import org.aisora.core.internal.analytics.Rollups;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retention sweep (every {@code retention.sweep.minutes}) and its manual runs. Each sweep
 * first rolls complete days up into the usage counters (before their records can go), then re-derives
 * future expiries under the active policy (so a policy switch or a changed setting
 * applies to what exists, and the sweep after it deletes by the new rule), then deletes in batches.
 * One sweep at a time per node; nodes coordinate through their claims in the database.
 */
@Component(service = {RetentionService.class, RetentionSweeper.class}, immediate = true,
        configurationPid = RetentionConfiguration.PID)
@Designate(ocd = RetentionConfiguration.class)
public final class RetentionSweeper implements RetentionService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    static final String ORPHAN = "orphan_blob";
    /** A blob younger than this may be waiting for its row: reconcile leaves it alone. */
    static final Duration RECONCILE_GRACE = Duration.ofHours(1);

    private final RetentionStore store;
    private final VendorDeletionQueue vendorDeletions;
    private final UsageStore usage;
    private final PluginRegistry registry;
    private final Plans plans;
    private final Clock clock;
    private volatile int batch;
    private volatile Duration lease;
    private final Expiries expiries;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<SweepReport> last = new AtomicReference<>();
    /** Null for tests that drive {@link #run(boolean)} themselves: nothing is scheduled then. */
    private final CoreScheduler scheduler;
    /** The scheduled sweeps and their lane; null while not scheduled (retention.sweep.minutes = 0). */
    private Lane lane;
    private CoreScheduler.Periodic sweeps;
    private volatile Duration reconcileEvery;
    /** How long the payment records of a deleted account are kept (pseudonymised) because the law says so. */
    private volatile Duration legalRetention;
    private volatile Instant lastReconcile;

    @Activate
    public RetentionSweeper(@Reference RetentionStore store, @Reference UsageStore usage,
                            @Reference PluginRegistry registry, @Reference VendorDeletionQueue vendorDeletions,
                            @Reference Plans plans, @Reference CoreScheduler scheduler, RetentionConfiguration config) {
        this(store, usage, registry, vendorDeletions, config, plans, Clock.systemUTC(), scheduler);
    }

    public RetentionSweeper(RetentionStore store, UsageStore usage, PluginRegistry registry,
                            VendorDeletionQueue vendorDeletions, RetentionConfiguration config, Plans plans,
                            Clock clock, CoreScheduler scheduler) {
        this.store = store;
        this.vendorDeletions = vendorDeletions;
        this.usage = usage;
        this.registry = registry;
        this.plans = plans;
        this.clock = clock;
        this.expiries = new Expiries(store);
        this.scheduler = scheduler;
        modified(config);
    }

    /**
     * An edit applies to the next sweep: batch, lease, reconcile interval, legal retention, and the schedule (a
     * changed interval starts counting again). A sweep under way goes on; the service stays registered.
     */
    @Modified
    synchronized void modified(RetentionConfiguration config) {
        this.batch = Math.max(1, config.retention_batch());
        this.lease = Duration.ofSeconds(Math.max(1, config.retention_lease_seconds()));
        this.reconcileEvery = Duration.ofHours(Math.max(1, config.retention_reconcile_hours()));
        this.legalRetention = Duration.ofDays(Math.max(1, config.legal_retention_days()));
        if (scheduler == null) {
            return;
        }
        Duration every = Duration.ofMinutes(Math.max(0, config.retention_sweep_minutes()));
        if (sweeps != null && sweeps.period().equals(every)) {
            return;
        }
        if (sweeps != null) {
            sweeps.cancel();
            sweeps = null;
        }
        if (!every.isZero()) {
            if (lane == null) {
                lane = scheduler.lane("retention", 1, 1);
            }
            sweeps = scheduler.every(lane, "retention sweep", every, every, this::scheduledRun);
        }
    }

    @Deactivate
    public synchronized void stop() {
        if (sweeps != null) {
            sweeps.cancel();
        }
        if (lane != null) {
            lane.shutdownNow();
        }
    }

    private void scheduledRun() {
        try {
            SweepReport r = run(false);
            LOG.info("retention sweep: deleted {} {}, failed {}, {} expiries re-derived, {} ms", r.total(), r.deleted(),
                    r.failed(), r.rederived(), r.durationMillis());
            if (lastReconcile == null || clock.instant().isAfter(lastReconcile.plus(reconcileEvery))) {
                SweepReport o = reconcile();
                LOG.info("storage reconcile: {} orphan blob(s) deleted, problems {}", o.total(), o.problems());
            }
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed, the next one resumes it: {}", e.toString());
        }
    }

    @Override
    public SweepReport run(boolean dryRun) {
        running.lock();
        try {
            SweepRun run = new SweepRun(store, vendorDeletions, id -> registry.families().storage.get(id), clock, batch, lease);
            if (dryRun) {
                return run.dry();
            }
            // count what is about to go first: the daily counters of every complete day are rolled up
            Rollups.rollUp(usage, clock);
            int rederived = registry.retentionPolicy()
                    .map(p -> expiries.rederiveAll(plans.catalog().plans().keySet(), p, plans.downgradeGrace(),
                            clock.instant())).orElse(0);
            // sent mail and the address a policy was accepted from are operational logs: kept as long as
            // the shortest plan keeps those
            Instant mailBefore = clock.instant().minus(registry.retentionPolicy()
                    .map(p -> p.retention("free", org.aisora.api.policy.ArtifactKind.OPERATIONAL_LOG))
                    .orElse(Duration.ofDays(7)));
            SweepReport report = run.sweep(rederived, mailBefore, clock.instant().minus(legalRetention));
            last.set(report);
            return report;
        } finally {
            running.unlock();
        }
    }

    @Override
    public SweepReport reconcile() {
        running.lock();
        try {
            Instant started = clock.instant();
            long orphans = 0;
            long failed = 0;
            List<String> problems = new ArrayList<>();
            for (BlobStore blobs : registry.families().storage.ranked()) {
                Reconcile pass = new Reconcile(store, started.minus(RECONCILE_GRACE));
                try {
                    orphans += pass.run(blobs);
                } catch (IOException | UnsupportedOperationException | UncheckedIOException e) {
                    problems.add("storage " + blobs.id() + ": " + e.getMessage());
                }
                failed += pass.failed();
            }
            SweepReport report = new SweepReport(started, Duration.between(started, clock.instant()).toMillis(), false,
                    orphans == 0 ? Map.of() : Map.of(ORPHAN, orphans), failed == 0 ? Map.of() : Map.of(ORPHAN, failed),
                    problems, 0);
            lastReconcile = started;
            return report;
        } finally {
            running.unlock();
        }
    }

    @Override
    public Map<String, Long> upcoming(Duration ahead) {
        Instant now = clock.instant();
        Map<String, Long> counts = new TreeMap<>();
        for (Table table : Table.values()) {
            store.expiring(table, now, now.plus(ahead)).forEach((kind, n) -> counts.merge(kind, n, Long::sum));
        }
        return counts;
    }

    @Override
    public Optional<SweepReport> lastRun() {
        return Optional.ofNullable(last.get());
    }

    /**
     * After an account's plan changed: its expiries follow the new plan at once, not at the next sweep; after a
     * downgrade, no sooner than the downgrade grace after the change.
     */
    public int planChanged(String accountId, String plan) {
        return registry.retentionPolicy().map(p -> expiries.rederiveAccount(accountId, plan, p, plans.downgradeGrace(),
                clock.instant())).orElse(0);
    }

    /** How long a plan's uploads are kept: the active policy's answer, else the plan line's retention days. */
    public Duration retention(String plan) {
        return registry.retentionPolicy()
                .map(p -> p.retention(plan, org.aisora.api.policy.ArtifactKind.ORIGINAL_UPLOAD))
                .orElseGet(() -> Duration.ofDays(plans.catalog().find(plan).map(p -> p.retentionDays()).orElse(0)));
    }
}
