package org.aisora.storage.support;

import java.io.IOException;

/**
 * Where a store keeps its owners' data keys, wrapped by the master key (a file per owner on disk, small
 * objects in the bucket for S3). Destroying an owner's keys there is what crypto-shreds their blobs.
 */
public interface DataKeys {
    /** The owner's key for a new blob, created when the owner has none. */
    DataKey forWriting(String owner) throws IOException;

    /**
     * The key a blob header names.
     *
     * @throws IOException when the owner's key was destroyed (the blob cannot be decrypted any more)
     */
    DataKey forReading(String owner, byte[] keyId) throws IOException;
}
