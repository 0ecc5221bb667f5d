package org.aisora.core.internal.media;

import java.io.IOException;
import java.util.List;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.plugins.PluginRegistry;

/**
 * Best-effort removal of blobs whose rows are gone or were never written. A failure here never hides
 * the error that caused the cleanup; an orphan blob left behind is removed by the storage reconcile pass.
 */
public final class BlobCleanup {
    private BlobCleanup() {
    }

    /** Blobs that were all written to {@code store}. */
    public static void discard(List<MediaRecord> rows, BlobStore store) {
        for (MediaRecord row : rows) {
            delete(store, row);
        }
    }

    /** Blobs in whichever store holds each row; a store that is gone is skipped. */
    public static void discard(List<MediaRecord> rows, PluginRegistry registry) {
        for (MediaRecord row : rows) {
            registry.families().storage.get(row.storeId()).ifPresent(store -> delete(store, row));
        }
    }

    /** Destroys an erased owner's data key (and empty folders) that a late write created again. */
    public static void shred(String ownerId, BlobStore store) {
        try {
            store.destroyOwnerKey(ownerId);
        } catch (IOException | RuntimeException ignored) {
            // the erasure already shredded the key that protected their data; this one protects nothing
        }
    }

    private static void delete(BlobStore store, MediaRecord row) {
        try {
            store.delete(row.blobKey());
        } catch (IOException | RuntimeException ignored) {
            // see the class comment: reconcile removes what is left
        }
    }
}
