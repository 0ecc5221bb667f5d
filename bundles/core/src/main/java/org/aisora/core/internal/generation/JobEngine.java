package org.aisora.core.internal.generation;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.CoreConfiguration;
import org.aisora.core.internal.media.MediaWriter;
import org.aisora.core.internal.moderation.ModerationCounters;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded worker pool that runs jobs, and the scanner that picks up queued jobs the pool had no
 * room for or that a restart left behind. The database is the queue; memory only holds what runs now.
 */
@Component(service = JobEngine.class, immediate = true, configurationPid = CoreConfiguration.PID)
public final class JobEngine {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final JobStore jobs;
    private final JobRunner runner;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService scanner;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    @Activate
    public JobEngine(@Reference JobStore jobs, @Reference AccountStore accounts, @Reference MediaStore media,
                     @Reference PluginRegistry registry, @Reference ModerationCounters counters,
                     CoreConfiguration config) {
        this(jobs, accounts, media, registry, counters, config, Clock.systemUTC());
    }

    public JobEngine(JobStore jobs, AccountStore accounts, MediaStore media, PluginRegistry registry,
                     ModerationCounters counters, CoreConfiguration config, Clock clock) {
        this.jobs = jobs;
        this.runner = new JobRunner(jobs, accounts, media, registry, counters, config, clock);
        int size = Math.max(1, config.workers());
        this.workers = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.worker_queue())), threads("aisora-job-"));
        this.scanner = Executors.newSingleThreadScheduledExecutor(threads("aisora-job-scan-"));
        recover();
        // off the activation thread: a folder listing must not hold up the start
        scanner.execute(MediaWriter::sweepStaleScratch);
        scanner.scheduleWithFixedDelay(this::scan, 0, Math.max(50, config.scan_interval_ms()), TimeUnit.MILLISECONDS);
    }

    /** Hands a queued job to a worker now if one is free; otherwise the scanner will. */
    public void dispatch(String jobId) {
        if (!inFlight.add(jobId)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    runner.run(jobId);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // shutting down: recovery queues the job again
                } finally {
                    inFlight.remove(jobId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(jobId);
        }
    }

    /**
     * Jobs left running by a stopped node go back to the queue; their hold is still in place and the
     * runner settles it exactly once. (Single node; leases for several nodes come with scale-out.)
     */
    private void recover() {
        for (JobRecord job : jobs.listByStatus(JobStatus.RUNNING, 10_000)) {
            if (jobs.requeue(job.id())) {
                LOG.info("job {} was running when the platform stopped; queued again", job.id());
            }
        }
    }

    private void scan() {
        try {
            int room = workers.getQueue().remainingCapacity();
            if (room > 0) {
                jobs.listByStatus(JobStatus.QUEUED, room).forEach(j -> dispatch(j.id()));
            }
        } catch (RuntimeException e) {
            LOG.warn("queued-job scan failed, will retry: {}", e.toString());
        }
    }

    @Deactivate
    public void stop() throws InterruptedException {
        scanner.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
