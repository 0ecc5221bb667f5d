package org.aisora.api.store;

import java.time.Instant;

/**
 * A media item row: an upload, a generated output or a derivative (thumbnail, rendition) of a parent.
 * Video items carry what the transcoder probed; {@code progress} (0-100) and {@code errorCode} describe
 * processing while {@code status} is "processing" or after it "failed".
 */
public record MediaRecord(String id, String ownerId, String jobId, String parentId, String kind, String contentType,
                          long bytes, int width, int height, String storeId, String blobKey, String sha256,
                          String status, Instant createdAt, Instant expiresAt, double durationSeconds,
                          double frameRate, String codec, int progress, String errorCode) {
    /** An image row: no duration, frame rate or codec, nothing to process. */
    public MediaRecord(String id, String ownerId, String jobId, String parentId, String kind, String contentType,
                       long bytes, int width, int height, String storeId, String blobKey, String sha256,
                       String status, Instant createdAt, Instant expiresAt) {
        this(id, ownerId, jobId, parentId, kind, contentType, bytes, width, height, storeId, blobKey, sha256, status,
                createdAt, expiresAt, 0, 0, null, "ready".equals(status) ? 100 : 0, null);
    }
}
