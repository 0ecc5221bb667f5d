package org.aisora.core.internal.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.media.upload.DeclaredImageSize;

/**
 * Copies a provider's outputs into our storage at once, with a thumbnail each (videos: see GeneratedVideos).
 * Outputs are vendor input, held to the upload caps: each is copied to a scratch file under the byte cap,
 * its header must declare a size within the pixel caps before anything decodes it, it must decode as an
 * image, and it must pass moderation, or the job does not succeed and whatever it had stored is deleted.
 */
public final class MediaWriter {
    /** Box a WebP output is decoded to for moderation engines, which read PNG, JPEG and GIF only. */
    private static final int MODERATION_BOX = 1024;
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/webp", "webp", "image/gif", "gif");

    private final int thumbnailBox;
    private final OutputLimits limits;
    private final GeneratedVideos.Checks videoChecks;

    /** @param transcoder the active transcoder, which checks generated videos; videoFrames how many keyframes */
    public MediaWriter(int thumbnailBox, OutputLimits limits, Supplier<Optional<Transcoder>> transcoder,
                       int videoFrames) {
        this.thumbnailBox = thumbnailBox;
        this.limits = limits;
        this.videoChecks = new GeneratedVideos.Checks(transcoder, videoFrames, limits);
    }

    /** @return the rows to insert with the job's completion: each output, then its thumbnail */
    public List<MediaRecord> store(JobRecord job, List<GeneratedOutput> outputs, OutputGate gate, BlobStore store,
                                   Instant now, Instant expiresAt) throws IOException, ProviderException {
        List<MediaRecord> rows = new ArrayList<>();
        try {
            for (GeneratedOutput output : outputs) {
                storeOne(job, output, gate, store, now, expiresAt, rows);
            }
            return rows;
        } catch (IOException | ProviderException | RuntimeException e) {
            BlobCleanup.discard(rows, store);
            throw e;
        }
    }

    /**
     * Lets go of a task's outputs once they are stored or the job failed: an output backed by a provider's
     * spool file is AutoCloseable (the SPI needs no change for it), and closing deletes that file.
     */
    public static void release(List<GeneratedOutput> outputs) {
        OutputFiles.release(outputs);
    }

    /** At start-up: scratch copies of outputs that a crash left in the temp folder, older than an hour. */
    public static int sweepStaleScratch() {
        return OutputFiles.sweepStale(Path.of(System.getProperty("java.io.tmpdir")), java.time.Duration.ofHours(1),
                Instant.now());
    }

    private void storeOne(JobRecord job, GeneratedOutput output, OutputGate gate, BlobStore store, Instant now,
                          Instant expiresAt, List<MediaRecord> rows) throws IOException, ProviderException {
        if ("video/mp4".equals(output.contentType())) {
            GeneratedVideos.store(job, output, gate, store, videoChecks, thumbnailBox, now, expiresAt, rows);
            return;
        }
        String extension = EXTENSIONS.get(output.contentType());
        if (extension == null) {
            throw new ProviderException("invalid_provider_output",
                    "the provider returned an unsupported content type", false);
        }
        Path file = OutputFiles.copy(output, limits, "." + extension);
        try {
            DeclaredImageSize.Size size = declaredSize(file);
            limits.checkImage(size);
            // decoded only now, and subsampled towards the box: never a full-size raster
            Thumbnails.Thumbnail thumb = Thumbnails.fromFile(file, thumbnailBox);
            if (thumb == null) {
                throw unreadable();
            }
            // before anything is stored: a rejected output never lands. Engines read PNG, JPEG and GIF; a WebP
            // output is shown to them as the PNG of what it decodes to
            if ("image/webp".equals(output.contentType())) {
                gate.check(OutputGate.Content.of(webpAsPng(file)), "image/png");
            } else {
                gate.check(() -> Files.newInputStream(file), output.contentType());
            }
            String id = UUID.randomUUID().toString();
            String base = job.ownerId() + "/gen/" + job.id() + "/" + id;
            BlobInfo blob;
            try (InputStream in = Files.newInputStream(file)) {
                blob = store.put(base + "." + extension, in, output.contentType());
            }
            rows.add(new MediaRecord(id, job.ownerId(), job.id(), null, MediaViews.KIND_GENERATED,
                    output.contentType(), blob.size(), (int) size.width(), (int) size.height(), blob.storeId(),
                    blob.key(), blob.sha256(), "ready", now, expiresAt));
            BlobInfo thumbBlob = store.put(base + "-thumb.jpg", new ByteArrayInputStream(thumb.jpeg()), "image/jpeg");
            rows.add(new MediaRecord(UUID.randomUUID().toString(), job.ownerId(), job.id(), id,
                    MediaViews.KIND_THUMBNAIL, "image/jpeg", thumbBlob.size(), thumb.width(), thumb.height(),
                    thumbBlob.storeId(), thumbBlob.key(), thumbBlob.sha256(), "ready", now, expiresAt));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The size its header declares; a header the upload gate would refuse makes the output unusable. */
    private static DeclaredImageSize.Size declaredSize(Path file) throws IOException, ProviderException {
        try (InputStream in = Files.newInputStream(file)) {
            return DeclaredImageSize.read(in);
        } catch (AisoraException e) {
            throw new ProviderException("invalid_provider_output", "the provider's image header is unusable ("
                    + e.code() + ")", false);
        }
    }

    private static byte[] webpAsPng(Path file) throws IOException, ProviderException {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            image = in == null ? null : ImageDecoding.read(in, MODERATION_BOX);
        }
        if (image == null) {
            throw unreadable();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static ProviderException unreadable() {
        return new ProviderException("invalid_provider_output", "the provider returned an unreadable image", false);
    }
}
