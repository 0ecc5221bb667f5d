package org.aisora.api.store;

import java.time.Instant;

/** A media item row: an upload, a generated output or a derivative (thumbnail, rendition) of a parent. */
public record MediaRecord(String id, String ownerId, String jobId, String parentId, String kind, String contentType,
                          long bytes, int width, int height, String storeId, String blobKey, String sha256,
                          String status, Instant createdAt, Instant expiresAt) {
}
