package org.aisora.core.internal.generation;

import java.io.IOException;
import java.io.InputStream;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.service.MediaContent;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.media.MediaContents;
import org.aisora.core.internal.plugins.PluginRegistry;

/** The upload a job starts from, as a provider reads it (from the store that holds it). */
final class JobInputs {
    private final MediaStore media;
    private final PluginRegistry registry;

    JobInputs(MediaStore media, PluginRegistry registry) {
        this.media = media;
        this.registry = registry;
    }

    /** @return null for jobs without input; an input deleted meanwhile fails the job when a provider reads it */
    MediaInput of(String mediaId) {
        if (mediaId == null) {
            return null;
        }
        MediaRecord record = media.find(mediaId).orElse(null);
        if (record == null) {
            return null;
        }
        MediaContent content = MediaContents.of(record, registry);
        return new MediaInput() {
            @Override
            public String contentType() {
                return record.contentType();
            }

            @Override
            public int width() {
                return record.width();
            }

            @Override
            public int height() {
                return record.height();
            }

            @Override
            public InputStream open() throws IOException {
                return content.open();
            }
        };
    }
}
