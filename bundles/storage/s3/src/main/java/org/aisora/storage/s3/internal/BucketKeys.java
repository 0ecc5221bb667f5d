package org.aisora.storage.s3.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.storage.support.DataKey;
import org.aisora.storage.support.DataKeys;
import org.aisora.storage.support.KeyFile;
import org.aisora.storage.support.MasterKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The owners' data keys as small objects in the bucket, {@code <key.prefix>.keys/<owner>/<key id>.key}, each
 * wrapped by the master key ('.' cannot start a blob key, so no blob lives there and listing skips them).
 * A key object is written once under a fresh random name and never replaced, so nodes racing to create an
 * owner's first key need no conditional write: each blob names its key in its header, and the owner's blobs
 * read whichever key they were written with; new blobs use the owner's first key by name. Unwrapped keys
 * are cached, but every use first checks (HEAD) that the object is still there, so a key destroyed by any
 * node is never used again. Destroying deletes every key object of the owner: that crypto-shreds the
 * owner's objects, and any copy of them.
 */
final class BucketKeys implements DataKeys {
    static final String DIR = ".keys/";
    private static final int CACHE_SIZE = 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final MasterKey master;
    /** Object name of a key to unwrapped key. */
    private final Map<String, DataKey> unwrapped = lru();
    /** Owner to the object name of the key their new blobs use. */
    private final Map<String, String> writing = lru();
    private final Object[] stripes = new Object[64];

    BucketKeys(S3Client client, String bucket, String keyPrefix, MasterKey master) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = keyPrefix + DIR;
        this.master = master;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public DataKey forWriting(String owner) throws IOException {
        master.key();
        String name = cached(writing, owner);
        Optional<DataKey> key = name == null ? Optional.empty() : load(owner, name);
        if (key.isPresent()) {
            return key.get();
        }
        synchronized (stripe(owner)) {
            for (String existing : names(owner)) {
                key = load(owner, existing);
                if (key.isPresent()) {
                    remember(writing, owner, existing);
                    return key.get();
                }
            }
            KeyFile.Generated fresh = KeyFile.generate(master, owner);
            String freshName = objectName(owner, fresh.key().id());
            byte[] bytes = fresh.file();
            try {
                client.putObject(b -> b.bucket(bucket).key(freshName)
                        .contentType("application/octet-stream").contentLength((long) bytes.length),
                        RequestBody.fromBytes(bytes));
            } catch (SdkException e) {
                throw S3Errors.io("PUT the data key of owner " + owner, e);
            }
            remember(unwrapped, freshName, fresh.key());
            remember(writing, owner, freshName);
            return fresh.key();
        }
    }

    @Override
    public DataKey forReading(String owner, byte[] keyId) throws IOException {
        master.key();
        return load(owner, objectName(owner, keyId)).orElseThrow(() -> new IOException("no data key of owner "
                + owner + " for this blob: it was destroyed, the blob cannot be decrypted"));
    }

    /** @return true when the owner had a key; every object written with one is unreadable from now on */
    boolean destroy(String owner) throws IOException {
        synchronized (stripe(owner)) {
            synchronized (writing) {
                writing.remove(owner);
            }
            List<String> names = names(owner);
            for (String name : names) {
                try {
                    client.deleteObject(b -> b.bucket(bucket).key(name));
                } catch (SdkException e) {
                    throw S3Errors.io("DELETE the data key of owner " + owner, e);
                }
            }
            String ownerPrefix = prefix + owner + "/";
            synchronized (unwrapped) {
                unwrapped.keySet().removeIf(name -> name.startsWith(ownerPrefix));
            }
            return !names.isEmpty();
        }
    }

    /** For health: the first key object found names the fingerprint of the master key that wrapped it. */
    boolean wrappedByAnotherMasterKey(Duration timeout) {
        try {
            List<S3Object> first = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))).contents();
            if (first.isEmpty()) {
                return false;
            }
            byte[] head = client.getObjectAsBytes(b -> b.bucket(bucket).key(first.get(0).key())
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))).asByteArray();
            return !KeyFile.wrappedBy(master, head);
        } catch (SdkException e) {
            return false;
        }
    }

    String location() {
        return prefix;
    }

    private Optional<DataKey> load(String owner, String name) throws IOException {
        DataKey cached = cached(unwrapped, name);
        try {
            if (cached != null) {
                client.headObject(b -> b.bucket(bucket).key(name));
                return Optional.of(cached);
            }
            byte[] bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
            DataKey key = KeyFile.unwrap(master, owner, bytes);
            if (!name.equals(objectName(owner, key.id()))) {
                throw new IOException("the data key object " + name + " holds another key");
            }
            remember(unwrapped, name, key);
            return Optional.of(key);
        } catch (SdkException e) {
            if (S3Errors.notFound(e)) {
                synchronized (unwrapped) {
                    unwrapped.remove(name);
                }
                return Optional.empty();
            }
            throw S3Errors.io("reading the data key of owner " + owner, e);
        }
    }

    /** The owner's key objects, by name. */
    private List<String> names(String owner) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + owner + "/")).contents()) {
                names.add(o.key());
            }
        } catch (SdkException e) {
            throw S3Errors.io("LIST the data keys of owner " + owner, e);
        }
        names.sort(null);
        return names;
    }

    private String objectName(String owner, byte[] keyId) {
        return prefix + owner + "/" + HexFormat.of().formatHex(keyId) + ".key";
    }

    private Object stripe(String owner) {
        return stripes[Math.floorMod(owner.hashCode(), stripes.length)];
    }

    private static <V> V cached(Map<String, V> map, String key) {
        synchronized (map) {
            return map.get(key);
        }
    }

    private static <V> void remember(Map<String, V> map, String key, V value) {
        synchronized (map) {
            map.put(key, value);
        }
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }
}
