package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Media metadata and bytes for their owner. Each item is read from the store that wrote it, so
 * switching the default store never strands older items.
 */
@Component(service = MediaService.class)
public final class MediaServiceImpl implements MediaService {
    private final MediaStore media;
    private final PluginRegistry registry;
    private final Clock clock;

    @Activate
    public MediaServiceImpl(@Reference MediaStore media, @Reference PluginRegistry registry) {
        this(media, registry, Clock.systemUTC());
    }

    public MediaServiceImpl(MediaStore media, PluginRegistry registry, Clock clock) {
        this.media = media;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public MediaView get(Caller caller, String id) {
        return MediaViews.view(owned(caller, id), media);
    }

    @Override
    public MediaContent content(Caller caller, String id) {
        return content(owned(caller, id));
    }

    @Override
    public MediaContent thumbnail(Caller caller, String id) {
        MediaRecord parent = owned(caller, id);
        MediaRecord thumb = media.findByParent(parent.id()).stream()
                .filter(m -> MediaViews.KIND_THUMBNAIL.equals(m.kind()))
                .findFirst().orElseThrow(() -> AisoraException.notFound("thumbnail"));
        return content(thumb);
    }

    /** Another account's item, and an expired one, are indistinguishable from a missing one. */
    private MediaRecord owned(Caller caller, String id) {
        return media.find(id)
                .filter(m -> m.ownerId().equals(caller.accountId()))
                .filter(m -> m.expiresAt() == null || m.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> AisoraException.notFound("media"));
    }

    private MediaContent content(MediaRecord m) {
        BlobStore store = registry.families().storage.get(m.storeId()).orElseThrow(() -> new AisoraException(
                AisoraException.Kind.UNAVAILABLE, "storage_unavailable", "the storage holding this item is offline"));
        String extension = m.blobKey().substring(m.blobKey().lastIndexOf('.') + 1);
        return new MediaContent() {
            @Override
            public String contentType() {
                return m.contentType();
            }

            @Override
            public long length() {
                return m.bytes();
            }

            @Override
            public String etag() {
                return m.sha256();
            }

            @Override
            public String fileName() {
                return m.id() + "." + extension;
            }

            @Override
            public InputStream open() throws IOException {
                return store.open(m.blobKey());
            }
        };
    }
}
