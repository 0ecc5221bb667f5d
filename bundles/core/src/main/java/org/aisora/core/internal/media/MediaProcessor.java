package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.CoreConfiguration;
import org.aisora.core.internal.limits.Plan;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the renditions of uploaded videos in the background, with progress on the item. Idempotent:
 * a restart finds items still "processing", removes what a broken attempt left and starts them again.
 * Items wait in a bounded queue served round-robin by account ({@link FairQueue}); an upload reserves its
 * place before anything is stored, so a full queue refuses it with 429 queue_full. Items found at a
 * restart beyond the capacity stay "processing" in the database and are queued as places free.
 * Two PIDs configure it (bnd allows no Designate then): the core's renditions and workers, and the
 * queue's own {@link VideoQueueConfig}.
 */
@Component(service = MediaProcessor.class, immediate = true,
        configurationPid = {CoreConfiguration.PID, VideoQueueConfig.PID})
public final class MediaProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessor.class);
    static final String PROCESSING = "processing";
    public static final String QUEUE_FULL = "queue_full";

    private final MediaStore media;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final List<RenditionSpec> renditions;
    private final Path workDir;
    private final ExecutorService workers;
    private final FairQueue<String> queue;
    private final VideoQueueConfig queueConfig;
    private final PlanCatalog plans;
    // queued or running: a refill from the database must not queue an item twice
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Object refilling = new Object();
    private volatile boolean backlog;

    @Activate
    public MediaProcessor(@Reference MediaStore media, @Reference AccountStore accounts,
                          @Reference PluginRegistry registry, CoreConfiguration config, VideoQueueConfig queueConfig) {
        this(media, accounts, registry, config, queueConfig,
                Path.of(System.getProperty("karaf.data", "data"), "aisora", "work"));
    }

    public MediaProcessor(MediaStore media, AccountStore accounts, PluginRegistry registry, CoreConfiguration config,
                          VideoQueueConfig queueConfig, Path workDir) {
        this.media = media;
        this.accounts = accounts;
        this.registry = registry;
        this.renditions = Renditions.parse(config.renditions());
        this.workDir = workDir;
        this.queueConfig = queueConfig;
        this.plans = PlanCatalog.parse(config.plans());
        this.queue = new FairQueue<>(queueConfig.queue_capacity(), queueConfig.queue_per_account());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.media_workers()), r -> {
            Thread t = new Thread(r, "aisora-media-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        refill();
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

    /** Videos waiting for a worker (running ones not included). */
    public int waiting() {
        return queue.size();
    }

    /** A reserved place: scheduled once, or given back when closed unused. */
    public final class Slot implements AutoCloseable {
        private final String accountId;
        private boolean used;

        private Slot(String accountId) {
            this.accountId = accountId;
        }

        /** Queues the item (its row is committed "processing"). */
        public synchronized void schedule(String mediaId) {
            if (used) {
                throw new IllegalStateException("a slot queues one item");
            }
            used = true;
            if (!known.add(mediaId)) {
                queue.release(accountId); // a refill found the committed row first and queued it
                return;
            }
            queue.add(accountId, mediaId);
            workers.execute(MediaProcessor.this::runNext);
        }

        @Override
        public synchronized void close() {
            if (!used) {
                used = true;
                queue.release(accountId);
            }
        }
    }

    @Deactivate
    public void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    // one task is submitted per queued item, so the executor's own queue is bounded by the fair one
    private void runNext() {
        String mediaId = queue.poll();
        if (mediaId == null) {
            return;
        }
        try {
            process(mediaId);
        } finally {
            known.remove(mediaId);
            if (backlog && !workers.isShutdown()) {
                refill();
            }
        }
    }

    /** Queues the "processing" items of the database that are neither queued nor running, as far as places allow. */
    private void refill() {
        synchronized (refilling) {
            boolean left = false;
            for (MediaRecord m : media.listByStatus(PROCESSING, 10_000)) {
                if (m.parentId() != null || known.contains(m.id())) {
                    continue;
                }
                if (queue.offer(m.ownerId(), m.id())) {
                    known.add(m.id());
                    workers.execute(this::runNext);
                } else {
                    left = true;
                }
            }
            backlog = left;
        }
    }

    void process(String mediaId) {
        MediaRecord item = media.find(mediaId).orElse(null);
        if (item == null || !PROCESSING.equals(item.status())) {
            return;
        }
        List<MediaRecord> made = new ArrayList<>();
        Path source = null;
        try {
            Transcoder transcoder = registry.transcoder().orElseThrow(
                    () -> new TranscodeException("transcoder_unavailable", "no transcoder is active"));
            BlobStore store = registry.thirdParties().recording(registry.families().storage.get(item.storeId())
                    .orElseThrow(() -> new IOException("the store holding " + mediaId + " is offline")), item.ownerId());
            removeEarlierAttempt(item);
            Files.createDirectories(workDir);
            source = workDir.resolve(mediaId + ".src");
            try (InputStream in = store.open(item.blobKey())) {
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            List<RenditionSpec> targets = Renditions.forSource(renditions, item.height());
            Duration limit = decodeLimit(item);
            for (int i = 0; i < targets.size(); i++) {
                made.add(render(item, source, targets.get(i), limit, i, targets.size(), transcoder, store));
            }
            media.insertAll(made);
            if (!media.updateProcessing(mediaId, "ready", 100, null)) {
                // deleted while we worked (by its owner, or with the account): nothing of ours may stay
                media.delete(made.stream().map(MediaRecord::id).toList());
                BlobCleanup.discard(made, store);
                if (accounts.findById(item.ownerId()).isEmpty()) {
                    BlobCleanup.shred(item.ownerId(), store); // the late write made an erased owner a new key
                }
            }
        } catch (TranscodeException e) {
            fail(item, made, e.code());
        } catch (IOException | RuntimeException e) {
            LOG.warn("processing of media {} failed: {}", mediaId, e.toString());
            fail(item, made, "processing_failed");
        } finally {
            deleteQuietly(source);
        }
    }

    /**
     * How long one rendition may decode: the factor times the plan's longest video (or the item's own
     * length, when an upload is longer than what its plan may generate), plus the margin.
     */
    Duration decodeLimit(MediaRecord item) {
        String planId = accounts.findById(item.ownerId()).map(a -> a.plan()).orElse(null);
        return decodeLimit(plans.forAccount(planId), item.durationSeconds());
    }

    /** The decode limit for a video of {@code videoSeconds} (0 when not known yet) of an account on {@code plan}. */
    public Duration decodeLimit(Plan plan, double videoSeconds) {
        double seconds = Math.max(plan.maxVideoSeconds(), Math.ceil(videoSeconds));
        double factor = queueConfig.decode_factor() > 0 ? queueConfig.decode_factor() : 2.0;
        return Duration.ofMillis(Math.round(factor * seconds * 1000))
                .plusSeconds(Math.max(0, queueConfig.decode_margin_seconds()));
    }

    private MediaRecord render(MediaRecord item, Path source, RenditionSpec spec, Duration limit, int index, int count,
                               Transcoder transcoder, BlobStore store) throws TranscodeException, IOException {
        Path out = workDir.resolve(item.id() + "-" + spec.height() + ".mp4");
        try {
            AtomicInteger reported = new AtomicInteger(-1);
            transcoder.transcode(source, out, spec, limit, fraction -> {
                int percent = (int) Math.min(99, (index + Math.max(0, Math.min(1, fraction))) * 100 / count);
                if (percent >= reported.get() + 5 && reported.getAndSet(percent) != percent) {
                    media.updateProcessing(item.id(), PROCESSING, percent, null);
                }
            });
            MediaProbe probe = transcoder.probe(out, limit);
            BlobInfo blob;
            try (InputStream in = Files.newInputStream(out)) {
                blob = store.put(item.ownerId() + "/up/" + item.id() + "-" + spec.height() + "p.mp4", in, "video/mp4");
            }
            return new MediaRecord(UUID.randomUUID().toString(), item.ownerId(), null, item.id(),
                    MediaViews.KIND_RENDITION, "video/mp4", blob.size(), probe.width(), probe.height(), blob.storeId(),
                    blob.key(), blob.sha256(), "ready", item.createdAt(), item.expiresAt(), probe.durationSeconds(),
                    probe.frameRate(), probe.videoCodec(), 100, null);
        } finally {
            deleteQuietly(out);
        }
    }

    private void removeEarlierAttempt(MediaRecord item) {
        List<MediaRecord> old = media.findByParent(item.id()).stream()
                .filter(m -> MediaViews.KIND_RENDITION.equals(m.kind())).toList();
        media.delete(old.stream().map(MediaRecord::id).toList());
        BlobCleanup.discard(old, registry);
    }

    private void fail(MediaRecord item, List<MediaRecord> made, String code) {
        BlobCleanup.discard(made, registry);
        if (workers.isShutdown()) {
            return; // stopped, not failed: the item stays "processing" and the next start does it again
        }
        media.updateProcessing(item.id(), "failed", 0, code);
    }


    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover work file is overwritten by the next attempt
        }
    }
}
