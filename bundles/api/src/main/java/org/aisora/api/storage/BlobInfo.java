package org.aisora.api.storage;

/** Where a stored blob lives and what it is: the store id, its key, size in bytes and SHA-256 (hex). */
public record BlobInfo(String storeId, String key, long size, String sha256) {
}
