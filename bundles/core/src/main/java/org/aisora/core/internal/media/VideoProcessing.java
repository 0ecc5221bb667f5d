package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.limits.Plan;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the renditions of one video this node holds the lease on. Idempotent: what an earlier attempt left is
 * removed first, which is safe because the lease is renewed before (no other node works on the video then), and
 * the renditions and the end are written in one step by the holder only, so a node that lost its lease writes
 * nothing. The settings are read once per video: an edit applies to the next one.
 */
final class VideoProcessing {
    private static final Logger LOG = LoggerFactory.getLogger(VideoProcessing.class);
    static final String PROCESSING = "processing";

    /** What a configuration edit changes for the next video. */
    record Settings(List<RenditionSpec> renditions, Supplier<PlanCatalog> plans, double decodeFactor,
                    int decodeMarginSeconds) {
        /** @param plans the plans in force, asked for each video */
        static Settings of(MediaConfiguration config, VideoQueueConfig queue, Supplier<PlanCatalog> plans) {
            return new Settings(Renditions.parse(config.renditions()), plans,
                    queue.decode_factor() > 0 ? queue.decode_factor() : 2.0, Math.max(0, queue.decode_margin_seconds()));
        }
    }

    private final MediaStore media;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final MediaLeases leases;
    private final Path workDir;
    private volatile Settings settings;
    private volatile boolean brokenOff;

    VideoProcessing(MediaStore media, AccountStore accounts, PluginRegistry registry, MediaLeases leases, Path workDir,
                    Settings settings) {
        this.media = media;
        this.accounts = accounts;
        this.registry = registry;
        this.leases = leases;
        this.workDir = workDir;
        this.settings = settings;
    }

    void settings(Settings next) {
        this.settings = next;
    }

    /** A stop interrupts the running transcodes: their videos are given back, not failed. */
    void breakOff() {
        brokenOff = true;
    }

    void process(String mediaId) {
        if (!leases.claim(mediaId)) {
            return; // gone, ended, or another node's live lease: nothing of it is touched here
        }
        MediaRecord item = media.find(mediaId).orElse(null);
        if (item == null || !PROCESSING.equals(item.status())) {
            return;
        }
        Settings current = settings;
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
            List<RenditionSpec> targets = Renditions.forSource(current.renditions(), item.height());
            Duration limit = decodeLimit(item, current);
            for (int i = 0; i < targets.size(); i++) {
                made.add(render(item, source, targets.get(i), limit, i, targets.size(), transcoder, store));
            }
            if (!leases.finish(mediaId, made, "ready", 100, null)) {
                // deleted while we worked (by its owner, or with the account), or lost to another node after this
                // one stalled past its lease: nothing of ours may stay
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
    private Duration decodeLimit(MediaRecord item, Settings current) {
        String planId = accounts.findById(item.ownerId()).map(a -> a.plan()).orElse(null);
        return decodeLimit(current, current.plans().get().forAccount(planId), item.durationSeconds());
    }

    Duration decodeLimit(Plan plan, double videoSeconds) {
        return decodeLimit(settings, plan, videoSeconds);
    }

    private static Duration decodeLimit(Settings current, Plan plan, double videoSeconds) {
        double seconds = Math.max(plan.maxVideoSeconds(), Math.ceil(videoSeconds));
        return Duration.ofMillis(Math.round(current.decodeFactor() * seconds * 1000))
                .plusSeconds(current.decodeMarginSeconds());
    }

    private MediaRecord render(MediaRecord item, Path source, RenditionSpec spec, Duration limit, int index, int count,
                               Transcoder transcoder, BlobStore store) throws TranscodeException, IOException {
        Path out = workDir.resolve(item.id() + "-" + spec.height() + ".mp4");
        try {
            AtomicInteger reported = new AtomicInteger(-1);
            transcoder.transcode(source, out, spec, limit, fraction -> {
                int percent = (int) Math.min(99, (index + Math.max(0, Math.min(1, fraction))) * 100 / count);
                if (percent >= reported.get() + 5 && reported.getAndSet(percent) != percent) {
                    leases.progress(item.id(), percent);
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

    /** Only under this node's renewed lease: the renditions of THIS item that an interrupted attempt left. */
    private void removeEarlierAttempt(MediaRecord item) {
        List<MediaRecord> old = media.findByParent(item.id()).stream()
                .filter(m -> MediaViews.KIND_RENDITION.equals(m.kind())).toList();
        media.delete(old.stream().map(MediaRecord::id).toList());
        BlobCleanup.discard(old, registry);
    }

    private void fail(MediaRecord item, List<MediaRecord> made, String code) {
        BlobCleanup.discard(made, registry);
        if (brokenOff) {
            return; // stopped, not failed: the item stays "processing" and is given back to the other nodes
        }
        leases.finish(item.id(), List.of(), "failed", 0, code);
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
