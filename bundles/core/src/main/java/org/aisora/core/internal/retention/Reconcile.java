package org.aisora.core.internal.retention;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.storage.StoredBlob;
import org.aisora.api.store.RetentionStore;

/**
 * Finds blobs no media row refers to (left by a crash between writing a blob and its row, or between
 * deleting a row and its blob) and deletes them. A blob younger than the grace period is left alone:
 * its row may be about to be written.
 */
final class Reconcile {
    private static final int PAGE = 500;

    private final RetentionStore rows;
    private final Instant writtenBefore;
    private long orphans;
    private long failed;

    Reconcile(RetentionStore rows, Instant writtenBefore) {
        this.rows = rows;
        this.writtenBefore = writtenBefore;
    }

    /** @return orphans deleted from this store, failures (not deleted) in {@link #failed()} */
    long run(BlobStore store) throws IOException {
        List<String> page = new ArrayList<>(PAGE);
        store.list((StoredBlob blob) -> {
            if (blob.lastModified().isBefore(writtenBefore)) {
                page.add(blob.key());
                if (page.size() == PAGE) {
                    flush(store, page);
                }
            }
        });
        flush(store, page);
        return orphans;
    }

    long failed() {
        return failed;
    }

    private void flush(BlobStore store, List<String> page) {
        Set<String> referenced = rows.referencedBlobs(store.id(), page);
        for (String key : page) {
            if (referenced.contains(key)) {
                continue;
            }
            try {
                if (store.delete(key)) {
                    orphans++;
                }
            } catch (IOException e) {
                failed++;
            }
        }
        page.clear();
    }
}
