package org.aisora.core.internal.media;

import org.aisora.api.service.MediaView;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;

/** Builds what a client sees of a media item. */
public final class MediaViews {
    public static final String KIND_GENERATED = "generated";
    public static final String KIND_THUMBNAIL = "thumbnail";

    private MediaViews() {
    }

    public static MediaView view(MediaRecord m, MediaStore media) {
        String thumbnailId = KIND_THUMBNAIL.equals(m.kind()) ? null : media.findByParent(m.id()).stream()
                .filter(c -> KIND_THUMBNAIL.equals(c.kind()))
                .map(MediaRecord::id)
                .findFirst().orElse(null);
        return new MediaView(m.id(), m.kind(), m.contentType(), m.bytes(), m.width(), m.height(), m.status(),
                m.jobId(), thumbnailId, m.createdAt(), m.expiresAt());
    }
}
