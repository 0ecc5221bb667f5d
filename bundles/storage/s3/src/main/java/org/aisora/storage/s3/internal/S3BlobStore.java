package org.aisora.storage.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.api.storage.BlobStore;
import org.aisora.storage.support.AtRestCodec;
import org.aisora.storage.support.EncryptedCodec;
import org.aisora.storage.support.MasterKey;
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
 * Blobs as objects in one bucket of an S3-compatible service, one component per factory configuration,
 * encrypted before they leave the JVM with the same per-owner codec as the filesystem store (the wrapped data
 * keys are objects in the bucket, see {@link BucketKeys}). Size and SHA-256 are those of the plain bytes.
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
    private final BucketKeys keys;
    private final AtRestCodec codec;

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
        MasterKey master = parsed == null ? null : MasterKey.resolve(config._master_key(),
                generatedKeyFile(config.master_key_file()),
                "on this node only (every node sharing the bucket needs the same key)",
                "etc/" + S3StoreConfig.PID + "-NAME.cfg of store " + id);
        this.keys = parsed == null ? null : new BucketKeys(client, parsed.bucket(), parsed.keys().prefix(), master);
        this.codec = keys == null ? null : new EncryptedCodec(keys);
        this.health = parsed == null ? null : new S3Health(client, parsed, master, keys);
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

    /**
     * Encrypts while uploading: one segment of plaintext and one part of ciphertext in memory at a time. The
     * content type is stored with the object; the core keeps its own copy.
     */
    @Override
    public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
        String objectKey = objectKey(key);
        Measured plain = new Measured(data);
        try (InputStream encrypted = codec.encoded(key, plain)) {
            new MultipartPut(client, settings.bucket(), settings.partSize()).put(objectKey, encrypted, contentType);
        }
        return new BlobInfo(id, key, plain.size, HexFormat.of().formatHex(plain.sha256.digest()));
    }

    /** @throws IOException (not BlobNotFoundException) when the object exists but cannot be decrypted */
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
        try {
            return codec.decoding(key, new SdkExceptionsAsIO(object));
        } catch (IOException | RuntimeException e) {
            object.abort();
            object.close();
            throw e;
        }
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

    /**
     * Crypto-shreds an owner: deletes their key objects, after which none of their objects, nor any copy of
     * them, decrypts (open fails with an IOException). The objects themselves stay until deleted.
     *
     * @return true when the owner had a key
     */
    @Override
    public boolean destroyOwnerKey(String ownerId) throws IOException {
        String owner = ObjectKeys.checkOwner(ownerId);
        if (problem != null) {
            throw new IOException("S3 store " + id + " is " + problem);
        }
        return keys.destroy(owner);
    }

    static Path generatedKeyFile(String configured) {
        String file = configured == null || configured.isBlank() ? S3StoreConfig.DEFAULT_MASTER_KEY_FILE : configured.trim();
        file = file.replace(S3StoreConfig.KARAF_DATA, System.getProperty("karaf.data", "data"));
        return Path.of(file).toAbsolutePath().normalize();
    }

    /** Validates the key first, so an invalid key is refused even when the store is misconfigured. */
    private String objectKey(String key) throws IOException {
        if (problem != null) {
            new ObjectKeys("").objectKey(key);
            throw new IOException("S3 store " + id + " is " + problem);
        }
        return settings.keys().objectKey(key);
    }

    /** Counts and hashes the plain bytes on their way to the cipher. */
    private static final class Measured extends FilterInputStream {
        final MessageDigest sha256;
        long size;

        Measured(InputStream in) {
            super(in);
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                sha256.update(bytes, offset, n);
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("every byte is hashed");
        }

        /** The caller owns the plain stream. */
        @Override
        public void close() {
        }
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
