package org.aisora.storage.filesystem.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.aisora.storage.support.DataKey;
import org.aisora.storage.support.DataKeys;
import org.aisora.storage.support.FileOps;
import org.aisora.storage.support.KeyFile;
import org.aisora.storage.support.MasterKey;

/**
 * One data key per owner, in {@code <root>/.keys/<owner>.key} ('.' cannot start a key, so no blob lives
 * there). Created on the owner's first put, race-free across threads and nodes sharing the directory; kept
 * in a bounded cache that is checked against the file on every use, so a key destroyed here or on another
 * node is never used again. Destroying the file is what crypto-shreds the owner's blobs, copies included.
 */
final class OwnerKeys implements DataKeys {
    static final String DIR = ".keys";
    private static final int CACHE_SIZE = 1024;

    private final Path dir;
    private final MasterKey master;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** Creation and destruction of one owner's key are serialised here; other owners are not held up. */
    private final Object[] stripes = new Object[64];

    OwnerKeys(Path root, MasterKey master) {
        this.dir = root.resolve(DIR);
        this.master = master;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public DataKey forWriting(String owner) throws IOException {
        master.key();
        Optional<DataKey> key = load(owner);
        if (key.isPresent()) {
            return key.get();
        }
        synchronized (stripe(owner)) {
            key = load(owner);
            if (key.isPresent()) {
                return key.get();
            }
            KeyFile.Generated fresh = KeyFile.generate(master, owner);
            FileOps.privateDirectory(dir);
            // false: another node won the race between our load and now; its key is the owner's key
            FileOps.createOnce(file(owner), fresh.file());
            return load(owner).orElseThrow(() -> new IOException("the data key of owner " + owner + " vanished"));
        }
    }

    /** An owner whose key was destroyed has none, and the blob is unreadable. */
    @Override
    public DataKey forReading(String owner, byte[] keyId) throws IOException {
        master.key();
        DataKey key = load(owner).orElseThrow(() ->
                new IOException("no data key for owner " + owner + ": it was destroyed, the blob cannot be decrypted"));
        if (!MessageDigest.isEqual(key.id(), keyId)) {
            throw new IOException("the blob was encrypted with a data key of owner " + owner + " that was destroyed");
        }
        return key;
    }

    /** @return true when the owner had a key; every blob written with it is unreadable from now on */
    boolean destroy(String owner) throws IOException {
        synchronized (stripe(owner)) {
            synchronized (cache) {
                cache.remove(owner);
            }
            boolean deleted = Files.deleteIfExists(file(owner));
            if (deleted) {
                FileOps.syncDirectory(dir);
            }
            return deleted;
        }
    }

    /** Cheap check for health: the first key file found names the fingerprint of the master key that wrapped it. */
    boolean wrappedByAnotherMasterKey() {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key")) {
            Iterator<Path> first = files.iterator();
            if (!first.hasNext()) {
                return false;
            }
            try (InputStream in = Files.newInputStream(first.next())) {
                return !KeyFile.wrappedBy(master, in.readNBytes(KeyFile.fingerprintEnd()));
            }
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<DataKey> load(String owner) throws IOException {
        Path file = file(owner);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            synchronized (cache) {
                cache.remove(owner);
            }
            return Optional.empty();
        }
        // inode and modification time: a key destroyed and re-created on another node differs in one of them
        List<Object> version = Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime());
        Cached cached;
        synchronized (cache) {
            cached = cache.get(owner);
        }
        if (cached != null && cached.version().equals(version)) {
            return Optional.of(cached.key());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        DataKey key = KeyFile.unwrap(master, owner, bytes);
        synchronized (cache) {
            cache.put(owner, new Cached(key, version));
        }
        return Optional.of(key);
    }

    private Path file(String owner) {
        return dir.resolve(owner + ".key");
    }

    private Object stripe(String owner) {
        return stripes[Math.floorMod(owner.hashCode(), stripes.length)];
    }

    private record Cached(DataKey key, List<Object> version) {
    }
}
