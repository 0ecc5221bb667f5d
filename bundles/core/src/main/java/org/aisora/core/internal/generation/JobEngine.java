package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.media.MediaConfiguration;
import org.aisora.core.internal.media.MediaSettings;
import org.aisora.core.internal.media.MediaWriter;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.node.NodeConfiguration;
import org.aisora.core.internal.node.NodeIds;
import org.aisora.core.internal.node.NodeStateService;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.aisora.core.internal.schedule.Lane;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded worker pool that runs jobs, on a database queue shared by every node. A worker runs only a job
 * this node claimed (a lease, renewed by the heartbeat); the scan claims queued jobs for idle workers and takes
 * over running jobs whose lease ran out, which is also how jobs interrupted by a crash come back. Activation
 * does no database work: the first scan, on the engine's scheduler, is the recovery. A configuration edit
 * is applied live ({@link #modified}); a stop lets running jobs finish for a bounded time, gives back the
 * claims of jobs that never started and leaves the rest to their lease.
 */
@Component(service = JobEngine.class, immediate = true,
        configurationPid = JobsConfiguration.PID)
public final class JobEngine {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final JobStore jobs;
    private final AccountStore accounts;
    private final MediaStore media;
    private final PluginRegistry registry;
    private final ModerationCounters counters;
    private final Clock clock;
    private final Supplier<MediaConfiguration> output;
    private final JobLeases leases;
    private final ProviderGrace grace;
    private final Lane workers;
    /** Set when the engine made its own scheduler (tests), which it then closes on stop. */
    private final CoreScheduler ownScheduler;
    private final EngineSchedule schedule;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile JobRunner runner;
    private volatile long drainSeconds;
    private volatile boolean stopping;

    @Activate
    public JobEngine(@Reference JobStore jobs, @Reference AccountStore accounts, @Reference MediaStore media,
                     @Reference PluginRegistry registry, @Reference ModerationCounters counters,
                     @Reference CoreScheduler scheduler, @Reference NodeStateService node,
                     @Reference MediaSettings output, JobsConfiguration config) {
        this(jobs, accounts, media, registry, counters, config, output::current, node.nodeId(), Clock.systemUTC(),
                scheduler, null);
    }

    /** An engine on a scheduler of its own, closed when the engine stops (tests). */
    public JobEngine(JobStore jobs, AccountStore accounts, MediaStore media, PluginRegistry registry,
                     ModerationCounters counters, JobsConfiguration config, MediaConfiguration output,
                     NodeConfiguration node) {
        this(jobs, accounts, media, registry, counters, config, () -> output, NodeIds.resolve(node.node_id()),
                Clock.systemUTC(), new CoreScheduler());
    }

    /**
     * An engine on a scheduler of its own, closed when the engine stops (tests). A factory: a public constructor
     * of the activation's length would let DS pick it.
     */
    public static JobEngine standalone(JobStore jobs, AccountStore accounts, MediaStore media,
                                       PluginRegistry registry, ModerationCounters counters, JobsConfiguration config,
                                       MediaConfiguration output, NodeConfiguration node, Clock clock) {
        return new JobEngine(jobs, accounts, media, registry, counters, config, () -> output,
                NodeIds.resolve(node.node_id()), clock, new CoreScheduler());
    }

    private JobEngine(JobStore jobs, AccountStore accounts, MediaStore media, PluginRegistry registry,
                      ModerationCounters counters, JobsConfiguration config, Supplier<MediaConfiguration> output,
                      String nodeId, Clock clock, CoreScheduler own) {
        this(jobs, accounts, media, registry, counters, config, output, nodeId, clock, own, own);
    }

    private JobEngine(JobStore jobs, AccountStore accounts, MediaStore media, PluginRegistry registry,
                      ModerationCounters counters, JobsConfiguration config, Supplier<MediaConfiguration> output,
                      String nodeId, Clock clock, CoreScheduler scheduler, CoreScheduler ownScheduler) {
        this.output = output;
        this.ownScheduler = ownScheduler;
        this.jobs = jobs;
        this.accounts = accounts;
        this.media = media;
        this.registry = registry;
        this.counters = counters;
        this.clock = clock;
        this.leases = new JobLeases(jobs, nodeId, lease(config), clock);
        this.grace = new ProviderGrace(Duration.ofSeconds(Math.max(0, config.provider_grace_seconds())), clock);
        this.runner = new JobRunner(jobs, accounts, media, registry, counters, config, output, clock, leases, grace);
        this.drainSeconds = Math.max(0, config.job_drain_seconds());
        this.workers = scheduler.lane("job", config.workers(), config.worker_queue());
        this.schedule = new EngineSchedule(scheduler, this::scan, this::heartbeat);
        // off the activation thread: a folder listing must not hold up the start
        schedule.execute("stale job scratch sweep", MediaWriter::sweepStaleScratch);
        schedule.plan(scanInterval(config), leases.lease());
        LOG.info("job engine started as node {} (lease {} s)", leases.node(), leases.lease().toSeconds());
    }

    /** This node's id in the leases it holds. */
    public String nodeId() {
        return leases.node();
    }

    /**
     * A configuration edit: applied to what runs next, never to what runs now. The worker count, scan interval,
     * lease, grace, drain time and everything the runner reads (poll interval, timeouts, limits) change live;
     * {@code worker.queue} keeps its value until the engine restarts, and the node id its until the node restarts.
     */
    @Modified
    public void modified(JobsConfiguration config) {
        workers.resize(config.workers());
        leases.lease(lease(config));
        grace.grace(Duration.ofSeconds(Math.max(0, config.provider_grace_seconds())));
        drainSeconds = Math.max(0, config.job_drain_seconds());
        runner = new JobRunner(jobs, accounts, media, registry, counters, config, output, clock, leases, grace);
        schedule.plan(scanInterval(config), leases.lease());
    }

    /** Hands a queued job to a worker now if one is free; otherwise a scan (here or on another node) will. */
    public void dispatch(String jobId) {
        if (!stopping && inFlight.add(jobId)) {
            submit(jobId, true);
        }
    }

    /** @param claim whether the worker still has to claim the job (the fast path after a submission) */
    private void submit(String jobId, boolean claim) {
        try {
            workers.execute(() -> work(jobId, claim));
        } catch (RejectedExecutionException e) {
            inFlight.remove(jobId);
            grace.forget(jobId);
            if (!claim) {
                releaseQuietly(jobId); // no room after all: any node may take it at once
            }
        }
    }

    private void work(String jobId, boolean claim) {
        boolean waiting = false;
        try {
            if (stopping || (claim && !leases.claim(jobId))) {
                return; // stopping: the claims of jobs that never started are given back by stop()
            }
            waiting = runner.run(jobId) == JobRunner.Outcome.WAITING && schedule.later(() -> retry(jobId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the heartbeat must not keep a job nobody here works on: without its lease, any node takes it over
            LOG.warn("job {} broke off on this node and is given up for takeover: {}", jobId, e.toString());
            releaseQuietly(jobId);
        } finally {
            if (!waiting) {
                inFlight.remove(jobId);
                grace.forget(jobId);
            }
        }
        if (!waiting && !stopping && workers.queued() == 0) {
            pull(1); // the next queued job at once, not at the next scan
        }
    }

    /** A recovered job that waits for its provider: it keeps its claim and its place in {@code inFlight}. */
    private void retry(String jobId) {
        if (stopping) {
            inFlight.remove(jobId);
            return;
        }
        submit(jobId, false);
    }

    /** Takes over expired leases, then claims queued jobs for the idle workers. */
    private void scan() {
        if (stopping) {
            return;
        }
        try {
            int room = workers.queueRoom();
            if (room > 0) {
                for (JobRecord job : leases.takeOverExpired(room)) {
                    LOG.info("job {} was running on a node whose lease ran out; taken over by {}", job.id(), leases.node());
                    hand(job.id());
                }
            }
            pull(workers.size() - workers.active() - workers.queued());
        } catch (RuntimeException e) {
            LOG.warn("queued-job scan failed, will retry: {}", e.toString());
        }
    }

    private void pull(int room) {
        if (room <= 0) {
            return;
        }
        try {
            leases.claimQueued(room).forEach(job -> hand(job.id()));
        } catch (RuntimeException e) {
            LOG.warn("claiming queued jobs failed, will retry: {}", e.toString());
        }
    }

    /** A job this node claimed; one already in flight here (the fast path) runs there, on the same claim. */
    private void hand(String jobId) {
        if (inFlight.add(jobId)) {
            submit(jobId, false);
        }
    }

    private void heartbeat() {
        try {
            leases.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("lease heartbeat failed, will retry: {}", e.toString());
        }
    }

    /**
     * Stops claiming, lets running jobs finish for {@code job.drain.seconds} (the heartbeat keeps their leases
     * meanwhile), then gives back the claims of jobs that never started. Nothing is interrupted: a job still
     * running keeps its lease until it runs out, and a job that ends meanwhile is settled as usual.
     */
    @Deactivate
    public void stop() throws InterruptedException {
        stopping = true;
        schedule.stopScanning();
        List<Runnable> notStarted = new ArrayList<>();
        workers.drainQueue(notStarted);
        workers.shutdown();
        boolean finished = workers.awaitTermination(drainSeconds, TimeUnit.SECONDS);
        try {
            int released = leases.releaseQueued();
            if (released > 0) {
                LOG.info("stopping: {} claimed jobs that never started are free for other nodes", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("stopping: claims not given back, they run out in {} s: {}", leases.lease().toSeconds(),
                    e.toString());
        }
        if (!finished) {
            LOG.warn("stopping: {} jobs still running; their leases run out and another node takes them over",
                    workers.active());
        }
        schedule.shutdown();
        if (ownScheduler != null) {
            ownScheduler.close();
        }
    }

    private void releaseQuietly(String jobId) {
        try {
            leases.release(jobId);
        } catch (RuntimeException e) {
            LOG.debug("claim on job {} not given back, it runs out: {}", jobId, e.toString());
        }
    }

    private static Duration lease(JobsConfiguration config) {
        return Duration.ofSeconds(Math.max(3, config.job_lease_seconds()));
    }

    private static long scanInterval(JobsConfiguration config) {
        return Math.max(50, config.scan_interval_ms());
    }
}
