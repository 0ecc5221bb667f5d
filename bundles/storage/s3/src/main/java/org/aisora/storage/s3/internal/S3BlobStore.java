package org.aisora.storage.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.api.storage.BlobStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Blobs as objects in one bucket of an S3-compatible service, one component per factory configuration.
 * A configuration that cannot work (no bucket, a malformed endpoint...) still registers the store, OFFLINE
 * with the reason, so the operator sees it in {@code aisora:plugins}; every call then fails with that reason.
 */
@Component(name = S3StoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = BlobStore.class)
@Designate(ocd = S3StoreConfig.class, factory = true)
public final class S3BlobStore implements BlobStore {
    private final String id;
    private final S3Settings settings;
    private final String problem;
    private final S3Client client;
    private final S3Health health;

    @Activate
    public S3BlobStore(S3StoreConfig config) {
        S3Settings parsed = null;
        String reason = null;
        try {
            parsed = S3Settings.of(config);
        } catch (IllegalArgumentException e) {
            reason = "misconfigured: " + e.getMessage();
        }
        this.settings = parsed;
        this.problem = reason;
        this.id = parsed != null ? parsed.id() : config.store_id() == null ? "s3" : config.store_id();
        this.client = parsed == null ? null : parsed.client();
        this.health = parsed == null ? null : new S3Health(client, parsed);
    }

    @Deactivate
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public PluginHealth health() {
        return problem != null ? PluginHealth.offline(problem) : health.current();
    }

    /** The bucket's host is a third party's (AWS, or whoever runs the endpoint): every media file goes there. */
    @Override
    public Optional<DataTransfer> dataTransfer() {
        if (settings == null) {
            return Optional.empty();
        }
        String host = settings.endpoint() != null ? settings.endpoint().getHost()
                : "s3." + settings.region().id() + ".amazonaws.com";
        return Optional.of(new DataTransfer(host, "storing media files", List.of("media files"),
                "until we delete them"));
    }

    /** The content type is stored with the object, so the bucket is browsable; the core keeps its own copy. */
    @Override
    public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
        String objectKey = objectKey(key);
        MultipartPut.Result stored = new MultipartPut(client, settings.bucket(), settings.partSize())
                .put(objectKey, data, contentType);
        return new BlobInfo(id, key, stored.size(), stored.sha256());
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = client.getObject(b -> b.bucket(settings.bucket()).key(objectKey));
        } catch (SdkException e) {
            if (S3Errors.notFound(e)) {
                throw new BlobNotFoundException(key);
            }
            throw S3Errors.io("GET " + objectKey, e);
        }
        return new SdkExceptionsAsIO(object);
    }

    @Override
    public boolean exists(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.headObject(b -> b.bucket(settings.bucket()).key(objectKey));
            return true;
        } catch (SdkException e) {
            if (S3Errors.notFound(e)) {
                return false;
            }
            throw S3Errors.io("HEAD " + objectKey, e);
        }
    }

    /**
     * S3 answers a DELETE the same whether or not the object was there, so a HEAD comes first: two
     * concurrent deletes of one blob may both answer true.
     */
    @Override
    public boolean delete(String key) throws IOException {
        if (!exists(key)) {
            return false;
        }
        String objectKey = objectKey(key);
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey));
            return true;
        } catch (SdkException e) {
            throw S3Errors.io("DELETE " + objectKey, e);
        }
    }

    /** Pages through the bucket under the configured prefix; objects that are not blob keys are skipped. */
    @Override
    public void list(java.util.function.Consumer<org.aisora.api.storage.StoredBlob> each) throws IOException {
        if (problem != null) {
            throw new IOException("S3 store " + id + " is " + problem);
        }
        String prefix = settings.keys().prefix();
        try {
            for (software.amazon.awssdk.services.s3.model.S3Object o : client.listObjectsV2Paginator(b -> b
                    .bucket(settings.bucket()).prefix(prefix)).contents()) {
                String key = o.key().substring(prefix.length());
                if (settings.keys().isBlobKey(key)) {
                    each.accept(new org.aisora.api.storage.StoredBlob(key, o.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.io("LIST " + prefix, e);
        }
    }

    /** Validates the key first, so an invalid key is refused even when the store is misconfigured. */
    private String objectKey(String key) throws IOException {
        if (problem != null) {
            new ObjectKeys("").objectKey(key);
            throw new IOException("S3 store " + id + " is " + problem);
        }
        return settings.keys().objectKey(key);
    }

    /** A body read that fails in the SDK (not only in the socket) still surfaces as an IOException. */
    private static final class SdkExceptionsAsIO extends FilterInputStream {
        SdkExceptionsAsIO(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SdkException e) {
                throw S3Errors.io("reading", e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return super.read(bytes, offset, length);
            } catch (SdkException e) {
                throw S3Errors.io("reading", e);
            }
        }
    }
}
