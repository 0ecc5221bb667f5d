package org.aisora.core.internal.media;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.limits.Plan;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.node.NodeConfiguration;
import org.aisora.core.internal.node.NodeIds;
import org.aisora.core.internal.node.NodeStateService;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.schedule.CoreScheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the renditions of uploaded videos in the background, with progress on the item, on a database queue shared
 * by every node. A node processes only videos it holds a lease on ({@link MediaLeases}, renewed by the heartbeat):
 * an upload made here is claimed when it is queued, and the scan claims videos no node holds (new, given back, or
 * under a lease that ran out, which is how a crashed node's videos come back) for idle workers only. A video under
 * another node's live lease is never queued here and its renditions are never touched. Items wait in a bounded
 * queue served round-robin by account ({@link FairQueue}); an upload reserves its place before anything is stored,
 * so a full queue refuses it with 429 queue_full. Activation does no database work: the first scan runs on the
 * schedule. An edit applies live ({@link #modified}); a stop finishes or gives back ({@link #stop}).
 * Two PIDs configure it (bnd allows no Designate then): the core's renditions, workers and node id, and the
 * queue's own {@link VideoQueueConfig}.
 */
@Component(service = MediaProcessor.class, immediate = true,
        configurationPid = VideoQueueConfig.PID)
public final class MediaProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessor.class);
    public static final String QUEUE_FULL = "queue_full";

    private final MediaLeases leases;
    private final VideoProcessing processing;
    private final FairQueue<String> queue;
    private final MediaSchedule schedule;
    private final CoreScheduler ownScheduler;
    private final Plans plans;
    private volatile MediaConfiguration mediaConfig;
    // queued or running here: a scan must not queue an item twice
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile VideoQueueConfig queueConfig;
    private volatile boolean stopping;

    @Activate
    public MediaProcessor(@Reference MediaStore media, @Reference AccountStore accounts,
                          @Reference PluginRegistry registry, @Reference CoreScheduler scheduler,
                          @Reference Plans plans, @Reference NodeStateService node, @Reference MediaSettings settings,
                          VideoQueueConfig queueConfig) {
        this(media, accounts, registry, plans, settings.current(), node.nodeId(), queueConfig,
                Path.of(System.getProperty("karaf.data", "data"), "aisora", "work"), Clock.systemUTC(), scheduler,
                null);
    }

    public MediaProcessor(MediaStore media, AccountStore accounts, PluginRegistry registry, Plans plans,
                          MediaConfiguration config, NodeConfiguration node, VideoQueueConfig queueConfig,
                          Path workDir, Clock clock) {
        this(media, accounts, registry, plans, config, NodeIds.resolve(node.node_id()), queueConfig, workDir, clock,
                new CoreScheduler());
    }

    private MediaProcessor(MediaStore media, AccountStore accounts, PluginRegistry registry, Plans plans,
                           MediaConfiguration config, String nodeId, VideoQueueConfig queueConfig,
                           Path workDir, Clock clock, CoreScheduler own) {
        this(media, accounts, registry, plans, config, nodeId, queueConfig, workDir, clock, own, own);
    }

    /** @param ownScheduler the scheduler when it is this processor's own (tests), closed on stop; else null */
    private MediaProcessor(MediaStore media, AccountStore accounts, PluginRegistry registry, Plans plans,
                           MediaConfiguration config, String nodeId, VideoQueueConfig queueConfig,
                           Path workDir, Clock clock, CoreScheduler scheduler, CoreScheduler ownScheduler) {
        this.plans = plans;
        this.mediaConfig = config;
        this.ownScheduler = ownScheduler;
        this.queueConfig = queueConfig;
        this.leases = new MediaLeases(media, nodeId, lease(queueConfig), clock);
        this.processing = new VideoProcessing(media, accounts, registry, leases, workDir,
                VideoProcessing.Settings.of(config, queueConfig, plans::catalog));
        this.queue = new FairQueue<>(queueConfig.queue_capacity(), queueConfig.queue_per_account());
        this.schedule = new MediaSchedule(scheduler, config.media_workers(), this::scan, this::heartbeat);
        schedule.plan(scanInterval(queueConfig), leases.lease());
        LOG.info("video processing started as node {} (lease {} s)", leases.node(), leases.lease().toSeconds());
    }

    /** This node's id in the leases it holds. */
    public String nodeId() {
        return leases.node();
    }

    /**
     * A configuration edit, applied to what starts next and never to a running transcode: renditions, plans,
     * decode limits, workers, queue bounds, lease, scan interval and drain time change live; {@code node.id} keeps
     * its value until the processor restarts.
     */
    @Modified
    void modified(VideoQueueConfig next) {
        reconfigure(mediaConfig, next);
    }

    /**
     * An edit of both (tests; in OSGi the media settings are those read at activation and renditions or
     * {@code media.workers} apply at the next start or video queue edit). Not named modified: DS must find one.
     */
    public void reconfigure(MediaConfiguration config, VideoQueueConfig next) {
        this.mediaConfig = config;
        this.queueConfig = next;
        processing.settings(VideoProcessing.Settings.of(config, next, plans::catalog));
        queue.resize(next.queue_capacity(), next.queue_per_account());
        schedule.workers(config.media_workers());
        leases.lease(lease(next));
        schedule.plan(scanInterval(next), leases.lease());
        LOG.info("video processing settings applied (lease {} s, {} workers)", leases.lease().toSeconds(),
                config.media_workers());
    }

    /**
     * Holds a place in the queue for one video of {@code accountId}.
     *
     * @throws RateLimitedException 429 queue_full when the queue or the account's share of it is full
     */
    public Slot reserve(String accountId) {
        if (!queue.reserve(accountId)) {
            throw queueFull();
        }
        return new Slot(accountId);
    }

    /**
     * Refuses early, before a body declared as video is read, when no place is free for the account. Only
     * {@link #reserve} holds a place, so a place free now may still be gone when the upload is checked.
     */
    public void requireRoom(String accountId) {
        if (!queue.hasRoom(accountId)) {
            throw queueFull();
        }
    }

    private RateLimitedException queueFull() {
        int retry = Math.max(1, queueConfig.queue_retry_after_seconds());
        return new RateLimitedException(QUEUE_FULL, "the video processing queue is full; retry in " + retry + " s",
                retry);
    }

    /** Videos waiting for a worker here (running ones not included). */
    public int waiting() {
        return queue.size();
    }

    /** The decode limit for a video of {@code videoSeconds} (0 when not known yet) of an account on {@code plan}. */
    public Duration decodeLimit(Plan plan, double videoSeconds) {
        return processing.decodeLimit(plan, videoSeconds);
    }

    /** A reserved place: scheduled once, or given back when closed unused. */
    public final class Slot implements AutoCloseable {
        private final String accountId;
        private boolean used;

        private Slot(String accountId) {
            this.accountId = accountId;
        }

        /**
         * Claims and queues the item (its row is committed "processing"). When another node's scan claimed the
         * committed row first, or this node stops, the place is given back and the item is processed elsewhere.
         */
        public synchronized void schedule(String mediaId) {
            if (used) {
                throw new IllegalStateException("a slot queues one item");
            }
            used = true;
            if (stopping || !known.add(mediaId)) {
                queue.release(accountId);
                return;
            }
            if (!claimQuietly(mediaId)) {
                known.remove(mediaId);
                queue.release(accountId);
                return;
            }
            queue.add(accountId, mediaId);
            if (!schedule.work(MediaProcessor.this::runNext)) {
                known.remove(mediaId); // stopped meanwhile: stop() gives the claim back
            }
        }

        @Override
        public synchronized void close() {
            if (!used) {
                used = true;
                queue.release(accountId);
            }
        }
    }

    private boolean claimQuietly(String mediaId) {
        try {
            return leases.claim(mediaId);
        } catch (RuntimeException e) {
            LOG.warn("claiming media {} failed, a scan will: {}", mediaId, e.toString());
            return false;
        }
    }

    // one task is submitted per queued item, so the executor's own queue is bounded by the fair one
    private void runNext() {
        String mediaId = queue.poll();
        if (mediaId == null) {
            return;
        }
        try {
            if (!stopping) {
                processing.process(mediaId);
            }
        } catch (RuntimeException e) {
            // the heartbeat must not keep a video nobody here works on: given back, any node takes it at once
            LOG.warn("processing of media {} broke off on this node and is given back: {}", mediaId, e.toString());
            releaseQuietly(mediaId);
        } finally {
            known.remove(mediaId);
        }
        if (!stopping) {
            claimFree(1); // the next free video at once, not at the next scan
        }
    }

    private void scan() {
        if (!stopping) {
            claimFree(0);
        }
    }

    /**
     * Claims as many videos no node holds as workers are idle here, beyond what already waits. A claimed video
     * the queue has no place for (its account's share is full) is given back at once.
     *
     * @param self 1 when called from a worker that is about to be free
     */
    private void claimFree(int self) {
        try {
            int room = schedule.idle(self) - queue.size();
            if (room <= 0) {
                return;
            }
            for (MediaRecord m : leases.claimFree(room)) {
                if (!known.add(m.id())) {
                    continue; // already queued or running here: the claim was renewed
                }
                if (!queue.offer(m.ownerId(), m.id())) {
                    known.remove(m.id());
                    releaseQuietly(m.id()); // its account's share is full here: another node may have room
                } else if (!schedule.work(this::runNext)) {
                    known.remove(m.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("claiming videos to process failed, will retry: {}", e.toString());
        }
    }

    private void heartbeat() {
        try {
            leases.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("video lease heartbeat failed, will retry: {}", e.toString());
        }
    }

    /**
     * Stops claiming and gives back the videos that wait here, lets running transcodes finish for
     * {@code processing.drain.seconds} (the heartbeat keeps their leases meanwhile), then breaks off what still runs
     * and gives those videos back too, so another node takes them at once instead of after the lease.
     */
    @Deactivate
    public void stop() throws InterruptedException {
        stopping = true;
        schedule.stopScanning();
        List<String> waiting = queue.drain();
        waiting.forEach(known::remove);
        try {
            boolean finished = schedule.drain(Math.max(0, queueConfig.processing_drain_seconds()));
            if (!finished) {
                processing.breakOff();
                if (!schedule.breakOff()) {
                    LOG.warn("stopping: a transcode did not end when interrupted; its late result is not written");
                }
            }
        } finally {
            try {
                schedule.shutdown();
            } finally {
                releaseAll(waiting.size());
                if (ownScheduler != null) {
                    ownScheduler.close();
                }
            }
        }
    }

    private void releaseQuietly(String mediaId) {
        try {
            leases.release(mediaId);
        } catch (RuntimeException e) {
            LOG.debug("claim on media {} not given back, it runs out: {}", mediaId, e.toString());
        }
    }

    private void releaseAll(int waiting) {
        try {
            int released = leases.releaseAll();
            if (released > 0) {
                LOG.info("stopping: {} videos ({} waiting) are free for other nodes", released, waiting);
            }
        } catch (RuntimeException e) {
            LOG.warn("stopping: claims not given back, they run out in {} s: {}", leases.lease().toSeconds(),
                    e.toString());
        }
    }

    private static Duration lease(VideoQueueConfig config) {
        return Duration.ofSeconds(Math.max(3, config.processing_lease_seconds()));
    }

    private static long scanInterval(VideoQueueConfig config) {
        return Math.max(50, config.processing_scan_interval_ms());
    }
}
