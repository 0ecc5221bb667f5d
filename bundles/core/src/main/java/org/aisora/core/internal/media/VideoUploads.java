package org.aisora.core.internal.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aisora.api.error.AisoraException;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.core.internal.media.upload.UploadInspection;

/**
 * A video upload after its container passed the gate: probed by the active transcoder (only a local
 * spool file, bounded in time), checked against the video limits, stored as "processing" with a poster
 * thumbnail; renditions follow in the background.
 */
final class VideoUploads {
    /** Limits of an uploaded video; {@code maxDecode} bounds its probe and its poster frame (from the plan). */
    record Limits(int maxSeconds, int maxSide, int maxStreams, Duration maxDecode) {
    }

    private VideoUploads() {
    }

    static void store(String ownerId, String id, Path spool, UploadInspection inspection, Transcoder transcoder,
                      Limits limits, BlobStore store, int thumbnailBox, Instant now, Instant expiresAt,
                      List<MediaRecord> rows) throws IOException {
        MediaProbe probe = probe(transcoder, spool, limits.maxDecode());
        if (probe.videoCodec() == null || probe.width() <= 0 || probe.height() <= 0) {
            throw AisoraException.unprocessable("no_video_stream", "the file has no video stream");
        }
        if (probe.durationSeconds() > limits.maxSeconds()) {
            throw AisoraException.unprocessable("video_too_long", "videos may be at most " + limits.maxSeconds() + " s");
        }
        if (Math.max(probe.width(), probe.height()) > limits.maxSide()) {
            throw AisoraException.unprocessable("video_resolution_exceeded",
                    "videos may be at most " + limits.maxSide() + " pixels on their longest side");
        }
        if (probe.streamCount() > limits.maxStreams()) {
            throw AisoraException.unprocessable("too_many_streams",
                    "videos may carry at most " + limits.maxStreams() + " streams");
        }
        boolean turned = probe.rotation() == 90 || probe.rotation() == 270;
        int width = turned ? probe.height() : probe.width();
        int height = turned ? probe.width() : probe.height();
        String base = ownerId + "/up/" + id;
        BlobInfo blob;
        try (InputStream in = Files.newInputStream(spool)) {
            blob = store.put(base + "." + inspection.extension(), in, inspection.contentType());
        }
        rows.add(new MediaRecord(id, ownerId, null, null, MediaUploads.KIND_UPLOAD, inspection.contentType(),
                blob.size(), width, height, blob.storeId(), blob.key(), blob.sha256(), "processing", now, expiresAt,
                probe.durationSeconds(), probe.frameRate(), probe.videoCodec(), 0, null));
        Path poster = spool.resolveSibling(spool.getFileName() + "-poster.jpg");
        try {
            transcoder.posterFrame(spool, poster, limits.maxDecode());
            Thumbnails.Thumbnail thumb = Thumbnails.fromFile(poster, thumbnailBox);
            if (thumb != null) {
                BlobInfo t = store.put(base + "-thumb.jpg", new ByteArrayInputStream(thumb.jpeg()), "image/jpeg");
                rows.add(new MediaRecord(java.util.UUID.randomUUID().toString(), ownerId, null, id,
                        MediaViews.KIND_THUMBNAIL, "image/jpeg", t.size(), thumb.width(), thumb.height(), t.storeId(),
                        t.key(), t.sha256(), "ready", now, expiresAt));
            }
        } catch (TranscodeException e) {
            // a video without a usable poster frame is still a valid video; it just has no thumbnail
        } finally {
            Files.deleteIfExists(poster);
        }
    }

    private static MediaProbe probe(Transcoder transcoder, Path spool, Duration maxDecode) {
        try {
            return transcoder.probe(spool, maxDecode);
        } catch (TranscodeException e) {
            // the transcoder's message can name paths and library internals: logged, not returned
            org.slf4j.LoggerFactory.getLogger(VideoUploads.class).warn("probe of an upload failed with {}: {}",
                    e.code(), e.getMessage());
            throw AisoraException.unprocessable(e.code(), "the video could not be read (" + e.code() + ")");
        }
    }
}
