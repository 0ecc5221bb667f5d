package org.aisora.api.storage;

import java.time.Instant;

/** One blob as a store's listing sees it: its key and when it was last written. */
public record StoredBlob(String key, Instant lastModified) {
}
