package org.aisora.core.internal.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;

/**
 * A generated video: copied to a scratch file under the byte cap (never held whole in memory), probed by
 * the active transcoder so only a real H.264 MP4 within the upload video caps is kept, moderated by sampled keyframes before anything is stored,
 * then stored with its poster frame as thumbnail. Vendor output is hostile input like any upload.
 */
final class GeneratedVideos {
    private static final int SAMPLE_BOX = 512;

    /** How generated videos are checked: the active transcoder, when one is installed, and how many frames. */
    record Checks(Supplier<Optional<Transcoder>> transcoder, int frames, OutputLimits limits) {
    }

    private GeneratedVideos() {
    }

    static void store(JobRecord job, GeneratedOutput output, OutputGate gate, BlobStore store, Checks checks,
                      int thumbnailBox, Instant now, Instant expiresAt, List<MediaRecord> rows)
            throws IOException, ProviderException {
        Transcoder transcoder = checks.transcoder().get().orElseThrow(() -> new ProviderException(
                "moderation_unavailable", "no transcoder is installed to check the generated video", false));
        Path spool = OutputFiles.copy(output, checks.limits(), ".mp4");
        Path poster = spool.resolveSibling(spool.getFileName() + "-poster.jpg");
        try {
            MediaProbe probe = probe(transcoder, spool);
            // the upload caps, checked from the probe before any frame is decoded
            checks.limits().checkVideo(probe);
            moderate(transcoder, spool, checks.frames(), gate);
            String id = UUID.randomUUID().toString();
            String base = job.ownerId() + "/gen/" + job.id() + "/" + id;
            BlobInfo blob;
            try (InputStream in = Files.newInputStream(spool)) {
                blob = store.put(base + ".mp4", in, "video/mp4");
            }
            rows.add(new MediaRecord(id, job.ownerId(), job.id(), null, MediaViews.KIND_GENERATED, "video/mp4",
                    blob.size(), probe.width(), probe.height(), blob.storeId(), blob.key(), blob.sha256(), "ready", now,
                    expiresAt, probe.durationSeconds(), probe.frameRate(), probe.videoCodec(), 100, null));
            transcoder.posterFrame(spool, poster);
            Thumbnails.Thumbnail thumb = Thumbnails.fromFile(poster, thumbnailBox);
            if (thumb != null) {
                BlobInfo t = store.put(base + "-thumb.jpg", new ByteArrayInputStream(thumb.jpeg()), "image/jpeg");
                rows.add(new MediaRecord(UUID.randomUUID().toString(), job.ownerId(), job.id(), id,
                        MediaViews.KIND_THUMBNAIL, "image/jpeg", t.size(), thumb.width(), thumb.height(), t.storeId(),
                        t.key(), t.sha256(), "ready", now, expiresAt));
            }
        } catch (TranscodeException e) {
            throw new ProviderException("invalid_provider_output", "the provider's video could not be read ("
                    + e.code() + ")", false);
        } finally {
            Files.deleteIfExists(poster);
            Files.deleteIfExists(spool);
        }
    }

    private static MediaProbe probe(Transcoder transcoder, Path spool) throws TranscodeException, ProviderException {
        MediaProbe probe = transcoder.probe(spool);
        if (probe.videoCodec() == null || probe.width() <= 0 || probe.height() <= 0 || probe.durationSeconds() <= 0) {
            throw new ProviderException("invalid_provider_output", "the provider's video has no video stream", false);
        }
        return probe;
    }

    /** Each sampled keyframe passes the same gate as a generated image; one flagged frame rejects the clip. */
    private static void moderate(Transcoder transcoder, Path spool, int frames, OutputGate gate)
            throws TranscodeException, IOException, ProviderException {
        List<BufferedImage> samples = transcoder.sampleFrames(spool, Math.max(1, frames), SAMPLE_BOX);
        if (samples.isEmpty()) {
            throw new ProviderException("moderation_unavailable", "no frame of the video could be checked", false);
        }
        for (BufferedImage frame : samples) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(frame, "png", png);
            gate.check(OutputGate.Content.of(png.toByteArray()), "image/png");
        }
    }
}
