package org.aisora.core.internal.thirdparty;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.storage.StoredBlob;

/** A third party's blob store for one owner's writes: each put is recorded as a transfer before it is made. */
final class RecordedBlobStore implements BlobStore {
    private final BlobStore store;
    private final Runnable sent;

    RecordedBlobStore(BlobStore store, Runnable sent) {
        this.store = store;
        this.sent = sent;
    }

    @Override
    public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
        sent.run();
        return store.put(key, data, contentType);
    }

    @Override
    public String id() {
        return store.id();
    }

    @Override
    public PluginHealth health() {
        return store.health();
    }

    @Override
    public Optional<DataTransfer> dataTransfer() {
        return store.dataTransfer();
    }

    @Override
    public InputStream open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    @Override
    public boolean delete(String key) throws IOException {
        return store.delete(key);
    }

    @Override
    public void list(Consumer<StoredBlob> each) throws IOException {
        store.list(each);
    }

    @Override
    public boolean destroyOwnerKey(String ownerId) throws IOException {
        return store.destroyOwnerKey(ownerId);
    }
}
