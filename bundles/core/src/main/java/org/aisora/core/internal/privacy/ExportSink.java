package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.io.InputStream;

/** Where a category writes its part of an export: JSON files and media files, streamed one by one. */
public interface ExportSink {
    /** Writes {@code value} as the JSON file {@code name} (e.g. {@code account.json}). */
    void json(String name, Object value) throws IOException;

    /** Streams {@code content} into the file {@code path} (e.g. {@code media/ID.png}) without holding it in memory. */
    void file(String path, InputStream content) throws IOException;
}
