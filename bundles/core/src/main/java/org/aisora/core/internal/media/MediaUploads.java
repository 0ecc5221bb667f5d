package org.aisora.core.internal.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.aisora.api.error.AisoraException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.media.upload.UploadInspection;
import org.aisora.core.internal.media.upload.UploadInspector;
import org.aisora.core.internal.media.upload.UploadLimits;
import org.slf4j.LoggerFactory;

/**
 * An upload: checked by content while it is spooled to a temporary file (never held in memory), then
 * stored under a generated name with a thumbnail (a video's poster frame), and recorded with its
 * derivatives in one transaction. Videos are probed first and processed into renditions afterwards.
 */
final class MediaUploads {
    static final String KIND_UPLOAD = "upload";

    private final UploadInspector inspector = new UploadInspector();
    private final Path spoolDir;
    private final int thumbnailBox;

    MediaUploads(Path spoolDir, int thumbnailBox) {
        this.spoolDir = spoolDir;
        this.thumbnailBox = thumbnailBox;
    }

    /**
     * Deletes spool files older than {@code olderThan}: a request deletes its own when it ends, so only
     * a crash or a kill leaves one, and start-up is where they go.
     *
     * @return how many were deleted
     */
    static int sweepStale(Path spoolDir, Instant olderThan) {
        int removed = 0;
        if (!Files.isDirectory(spoolDir)) {
            return 0;
        }
        try (var files = Files.newDirectoryStream(spoolDir, "upload-*.part")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(olderThan) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(MediaUploads.class).warn("could not sweep the upload spool {}: {}", spoolDir,
                    e.toString());
        }
        return removed;
    }

    /**
     * What was stored: the rows to insert (the upload, then its thumbnail when one could be made) and, for
     * a video, its reserved place in the processing queue, which the caller schedules or closes.
     */
    record Stored(List<MediaRecord> rows, MediaProcessor.Slot slot) {
    }

    /**
     * @param videoSlot reserves a place in the video queue (429 queue_full when there is none), asked only
     *                  once the content is known to be a video and before anything of it is stored
     */
    Stored store(String ownerId, InputStream body, String declaredType, long declaredLength, UploadLimits limits,
                 VideoUploads.Limits videoLimits, Transcoder transcoder, Supplier<MediaProcessor.Slot> videoSlot,
                 BlobStore store, Instant now, Instant expiresAt) throws IOException {
        Files.createDirectories(spoolDir);
        Path spool = Files.createTempFile(spoolDir, "upload-", ".part");
        List<MediaRecord> rows = new ArrayList<>();
        try {
            UploadInspection inspection;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool))) {
                inspection = inspector.inspect(body, declaredType, declaredLength, limits, out);
            }
            String id = UUID.randomUUID().toString();
            if (!"image".equals(inspection.kind())) {
                if (transcoder == null) {
                    // probing, limits and renditions of video need a transcoder; nothing unchecked is stored
                    throw new AisoraException(AisoraException.Kind.UNAVAILABLE, "video_processing_unavailable",
                            "video uploads are not accepted now: no transcoder is active");
                }
                MediaProcessor.Slot slot = videoSlot.get();
                try {
                    VideoUploads.store(ownerId, id, spool, inspection, transcoder, videoLimits, store, thumbnailBox,
                            now, expiresAt, rows);
                } catch (IOException | RuntimeException e) {
                    slot.close();
                    throw e;
                }
                return new Stored(rows, slot);
            }
            String base = ownerId + "/up/" + id;
            BlobInfo blob;
            try (InputStream in = Files.newInputStream(spool)) {
                blob = store.put(base + "." + inspection.extension(), in, inspection.contentType());
            }
            rows.add(new MediaRecord(id, ownerId, null, null, KIND_UPLOAD, inspection.contentType(), blob.size(),
                    inspection.width(), inspection.height(), blob.storeId(), blob.key(), blob.sha256(), "ready", now,
                    expiresAt));
            Thumbnails.Thumbnail thumb = thumbnail(spool);
            if (thumb != null) {
                BlobInfo t = store.put(base + "-thumb.jpg", new java.io.ByteArrayInputStream(thumb.jpeg()), "image/jpeg");
                rows.add(new MediaRecord(UUID.randomUUID().toString(), ownerId, null, id, MediaViews.KIND_THUMBNAIL,
                        "image/jpeg", t.size(), thumb.width(), thumb.height(), t.storeId(), t.key(), t.sha256(),
                        "ready", now, expiresAt));
            }
            return new Stored(rows, null);
        } catch (IOException | RuntimeException e) {
            BlobCleanup.discard(rows, store);
            throw e;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private Thumbnails.Thumbnail thumbnail(Path file) {
        try {
            return Thumbnails.fromFile(file, thumbnailBox);
        } catch (IOException | RuntimeException e) {
            return null; // the original is valid by its header; a preview we cannot render is left out
        }
    }
}
