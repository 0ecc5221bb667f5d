package org.aisora.core.internal.media;

import java.util.List;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.RenditionView;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;

/** Builds what a client sees of a media item, with its thumbnail and renditions. */
public final class MediaViews {
    public static final String KIND_GENERATED = "generated";
    public static final String KIND_THUMBNAIL = "thumbnail";
    public static final String KIND_RENDITION = "rendition";

    private MediaViews() {
    }

    public static MediaView view(MediaRecord m, MediaStore media) {
        List<MediaRecord> children = m.parentId() != null ? List.of() : media.findByParent(m.id());
        String thumbnailId = children.stream().filter(c -> KIND_THUMBNAIL.equals(c.kind()))
                .map(MediaRecord::id).findFirst().orElse(null);
        List<RenditionView> renditions = children.stream().filter(c -> KIND_RENDITION.equals(c.kind()))
                .map(r -> new RenditionView(r.id(), r.contentType(), r.width(), r.height(), r.bytes(), r.status()))
                .toList();
        return new MediaView(m.id(), m.kind(), m.contentType(), m.bytes(), m.width(), m.height(),
                m.durationSeconds(), m.frameRate(), m.codec(), m.status(), m.progress(), m.errorCode(), m.jobId(),
                thumbnailId, renditions, m.createdAt(), m.expiresAt());
    }
}
