package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
@Component(service = MediaProcessor.class, immediate = true, configurationPid = CoreConfiguration.PID)
public final class MediaProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessor.class);
    static final String PROCESSING = "processing";

    private final MediaStore media;
    private final AccountStore accounts;
    private final PluginRegistry registry;
    private final List<RenditionSpec> renditions;
    private final Path workDir;
    private final ExecutorService workers;

    @Activate
    public MediaProcessor(@Reference MediaStore media, @Reference AccountStore accounts,
                          @Reference PluginRegistry registry, CoreConfiguration config) {
        this(media, accounts, registry, config, Path.of(System.getProperty("karaf.data", "data"), "aisora", "work"));
    }

    public MediaProcessor(MediaStore media, AccountStore accounts, PluginRegistry registry, CoreConfiguration config,
                          Path workDir) {
        this.media = media;
        this.accounts = accounts;
        this.registry = registry;
        this.renditions = Renditions.parse(config.renditions());
        this.workDir = workDir;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.media_workers()), r -> {
            Thread t = new Thread(r, "aisora-media-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        media.listByStatus(PROCESSING, 10_000).stream().filter(m -> m.parentId() == null)
                .forEach(m -> schedule(m.id()));
    }

    public void schedule(String mediaId) {
        workers.execute(() -> process(mediaId));
    }

    @Deactivate
    public void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
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
            BlobStore store = registry.families().storage.get(item.storeId())
                    .orElseThrow(() -> new IOException("the store holding " + mediaId + " is offline"));
            removeEarlierAttempt(item);
            Files.createDirectories(workDir);
            source = workDir.resolve(mediaId + ".src");
            try (InputStream in = store.open(item.blobKey())) {
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            List<RenditionSpec> targets = Renditions.forSource(renditions, item.height());
            for (int i = 0; i < targets.size(); i++) {
                made.add(render(item, source, targets.get(i), i, targets.size(), transcoder, store));
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

    private MediaRecord render(MediaRecord item, Path source, RenditionSpec spec, int index, int count,
                               Transcoder transcoder, BlobStore store) throws TranscodeException, IOException {
        Path out = workDir.resolve(item.id() + "-" + spec.height() + ".mp4");
        try {
            AtomicInteger reported = new AtomicInteger(-1);
            transcoder.transcode(source, out, spec, fraction -> {
                int percent = (int) Math.min(99, (index + Math.max(0, Math.min(1, fraction))) * 100 / count);
                if (percent >= reported.get() + 5 && reported.getAndSet(percent) != percent) {
                    media.updateProcessing(item.id(), PROCESSING, percent, null);
                }
            });
            MediaProbe probe = transcoder.probe(out);
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
