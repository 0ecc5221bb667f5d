package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.MediaContent;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.plugins.PluginRegistry;

/** The bytes of a media row, read from the store that holds them. */
public final class MediaContents {
    private MediaContents() {
    }

    public static MediaContent of(MediaRecord m, PluginRegistry registry) {
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
