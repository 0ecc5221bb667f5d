package org.aisora.persistence.internal;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.aisora.api.store.MediaRecord;

@Entity(name = "Media")
@Table(name = "media")
public final class MediaEntity {
    @Id
    @Column(name = "id", length = 36)
    private String id;
    @Column(name = "owner_id", nullable = false, length = 36)
    private String ownerId;
    @Column(name = "job_id", length = 36)
    private String jobId;
    @Column(name = "parent_id", length = 36)
    private String parentId;
    @Column(name = "kind", nullable = false, length = 32)
    private String kind;
    @Column(name = "content_type", length = 100)
    private String contentType;
    @Column(name = "bytes", nullable = false)
    private long bytes;
    @Column(name = "width", nullable = false)
    private int width;
    @Column(name = "height", nullable = false)
    private int height;
    @Column(name = "store_id", length = 100)
    private String storeId;
    @Column(name = "blob_key", length = 500)
    private String blobKey;
    @Column(name = "sha256", length = 64)
    private String sha256;
    @Column(name = "status", length = 32)
    private String status;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Convert(converter = EpochMillisConverter.class)
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "duration_ms")
    private Long durationMs;
    @Column(name = "frame_rate_milli")
    private Integer frameRateMilli;
    @Column(name = "codec", length = 32)
    private String codec;
    @Column(name = "progress")
    private Integer progress;
    @Column(name = "error_code", length = 64)
    private String errorCode;

    MediaEntity() {
    }

    void processing(String newStatus, int newProgress, String newErrorCode) {
        this.status = newStatus;
        this.progress = newProgress;
        this.errorCode = newErrorCode;
    }

    static MediaEntity of(MediaRecord r) {
        MediaEntity e = new MediaEntity();
        e.id = r.id();
        e.ownerId = r.ownerId();
        e.jobId = r.jobId();
        e.parentId = r.parentId();
        e.kind = r.kind();
        e.contentType = r.contentType();
        e.bytes = r.bytes();
        e.width = r.width();
        e.height = r.height();
        e.storeId = r.storeId();
        e.blobKey = r.blobKey();
        e.sha256 = r.sha256();
        e.status = r.status();
        e.createdAt = r.createdAt();
        e.expiresAt = r.expiresAt();
        e.durationMs = Math.round(r.durationSeconds() * 1000);
        e.frameRateMilli = (int) Math.round(r.frameRate() * 1000);
        e.codec = r.codec();
        e.progress = r.progress();
        e.errorCode = r.errorCode();
        return e;
    }

    MediaRecord toRecord() {
        return new MediaRecord(id, ownerId, jobId, parentId, kind, contentType, bytes, width, height, storeId,
                blobKey, sha256, status, createdAt, expiresAt, durationMs == null ? 0 : durationMs / 1000.0,
                frameRateMilli == null ? 0 : frameRateMilli / 1000.0, codec, progress == null ? 0 : progress, errorCode);
    }
}
