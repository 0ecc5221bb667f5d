package org.aisora.core.internal.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;

/**
 * Copies a provider's outputs into our storage at once, with a thumbnail each (videos: see GeneratedVideos). Outputs are vendor
 * input: each must decode as the image type it claims, within a size cap, and pass moderation, or the
 * job does not succeed and whatever it had stored is deleted.
 */
public final class MediaWriter {
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png", "image/jpeg", "jpg", "image/webp", "webp", "image/gif", "gif");

    private final int thumbnailBox;
    private final GeneratedVideos.Checks videoChecks;

    /** @param transcoder the active transcoder, which checks generated videos; videoFrames how many keyframes */
    public MediaWriter(int thumbnailBox, Supplier<Optional<Transcoder>> transcoder, int videoFrames) {
        this.thumbnailBox = thumbnailBox;
        this.videoChecks = new GeneratedVideos.Checks(transcoder, videoFrames);
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
        byte[] bytes = readCapped(output);
        BufferedImage image = ImageDecoding.read(bytes);
        if (image == null) {
            throw new ProviderException("invalid_provider_output", "the provider returned an unreadable image", false);
        }
        // before anything is stored: a rejected output never lands. Engines read PNG, JPEG and GIF; a WebP
        // output is shown to them as the PNG of what it decoded to
        if ("image/webp".equals(output.contentType())) {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            gate.check(png.toByteArray(), "image/png");
        } else {
            gate.check(bytes, output.contentType());
        }
        String id = UUID.randomUUID().toString();
        String base = job.ownerId() + "/gen/" + job.id() + "/" + id;
        BlobInfo blob = store.put(base + "." + extension, new ByteArrayInputStream(bytes), output.contentType());
        rows.add(new MediaRecord(id, job.ownerId(), job.id(), null, MediaViews.KIND_GENERATED, output.contentType(),
                blob.size(), image.getWidth(), image.getHeight(), blob.storeId(), blob.key(), blob.sha256(), "ready",
                now, expiresAt));
        Thumbnails.Thumbnail thumb = Thumbnails.jpeg(image, thumbnailBox);
        BlobInfo thumbBlob = store.put(base + "-thumb.jpg", new ByteArrayInputStream(thumb.jpeg()), "image/jpeg");
        rows.add(new MediaRecord(UUID.randomUUID().toString(), job.ownerId(), job.id(), id,
                MediaViews.KIND_THUMBNAIL, "image/jpeg", thumbBlob.size(), thumb.width(), thumb.height(),
                thumbBlob.storeId(), thumbBlob.key(), thumbBlob.sha256(), "ready", now, expiresAt));
    }

    private static byte[] readCapped(GeneratedOutput output) throws IOException, ProviderException {
        try (InputStream in = output.open()) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES + 1);
            if (bytes.length > MAX_OUTPUT_BYTES) {
                throw new ProviderException("invalid_provider_output", "the provider output is too large", false);
            }
            return bytes;
        }
    }

}
