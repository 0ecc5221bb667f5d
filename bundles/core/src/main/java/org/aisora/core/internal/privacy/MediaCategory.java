package org.aisora.core.internal.privacy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.plugins.PluginRegistry;

/**
 * {@code media.json} and {@code media/}: every item's metadata, and every upload and generated output in
 * original quality (the stored bytes, decrypted, streamed). Erasure flags the rows {@code deleting}, deletes
 * the blobs, then the rows: a crash leaves flagged rows of an account being erased (invisible), never a live
 * row without its blob, and the next run finds the rows again and finishes.
 */
final class MediaCategory implements PersonalDataCategory {
    static final String DELETING = "deleting";

    private final MediaStore media;
    private final PluginRegistry registry;

    MediaCategory(MediaStore media, PluginRegistry registry) {
        this.media = media;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "media";
    }

    @Override
    public void export(String accountId, ExportSink sink) throws IOException {
        List<Object> rows = new ArrayList<>();
        List<MediaRecord> files = new ArrayList<>();
        for (MediaRecord m : media.listByOwner(accountId)) {
            String file = null;
            if (m.parentId() == null && m.blobKey() != null) {
                file = "media/" + m.id() + extension(m);
                files.add(m);
            }
            rows.add(Rows.of().put("id", m.id()).put("kind", m.kind()).put("parentId", m.parentId())
                    .put("generationId", m.jobId()).put("contentType", m.contentType()).put("bytes", m.bytes())
                    .put("width", m.width()).put("height", m.height()).put("durationSeconds", m.durationSeconds())
                    .put("frameRate", m.frameRate()).put("codec", m.codec()).put("sha256", m.sha256())
                    .put("status", m.status()).put("createdAt", m.createdAt()).put("expiresAt", m.expiresAt())
                    .put("file", file).map());
        }
        sink.json("media.json", Rows.of().put("media", rows).map());
        for (MediaRecord m : files) {
            sink.file("media/" + m.id() + extension(m), store(m).open(m.blobKey()));
        }
    }

    /** @return rows deleted; {@code media.KIND} sub-counts */
    @Override
    public long erase(String accountId, ErasureContext context) throws IOException {
        media.markAllOfOwner(accountId, DELETING);
        List<MediaRecord> rows = media.listByOwner(accountId);
        for (MediaRecord m : rows) {
            if (m.blobKey() != null) {
                store(m).delete(m.blobKey());
            }
        }
        rows.forEach(m -> context.detail("media." + m.kind(), 1));
        return media.delete(rows.stream().map(MediaRecord::id).toList());
    }

    /** A store that is gone stops the export or erasure (a re-run finishes once it is back): nothing is skipped. */
    private BlobStore store(MediaRecord m) throws IOException {
        Optional<BlobStore> store = registry.families().storage.get(m.storeId());
        return store.orElseThrow(() -> new IOException("storage " + m.storeId() + " is not installed"));
    }

    private static String extension(MediaRecord m) {
        String key = m.blobKey();
        int dot = key.lastIndexOf('.');
        int slash = key.lastIndexOf('/');
        return dot > slash && key.length() - dot <= 6 ? key.substring(dot) : "";
    }
}
