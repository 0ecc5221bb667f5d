package org.aisora.storage.filesystem.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.api.storage.BlobStore;
import org.aisora.storage.support.AtRestCodec;
import org.aisora.storage.support.EncryptedCodec;
import org.aisora.storage.support.FileOps;
import org.aisora.storage.support.MasterKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Blobs as files named by their key under one root, encrypted at rest with their owner's data key. A put
 * writes a temp file next to its target, syncs it and renames it into place, so readers see the old blob or
 * the whole new one, never a partial file. Size and SHA-256 are those of the plain bytes.
 */
@Component(name = FilesystemStoreConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FilesystemStoreConfig.class, factory = false)
public final class FilesystemBlobStore implements BlobStore {
    static final String ID = "filesystem";

    private final String id;
    private volatile Setup setup;

    @Activate
    public FilesystemBlobStore(FilesystemStoreConfig config) {
        String configured = config.store_id() == null ? "" : config.store_id().trim();
        this.id = configured.matches("[a-z0-9][a-z0-9._-]{0,63}") ? configured : ID;
        modified(config);
    }

    /** Switching the root or the master key takes effect for the next call; blobs already written stay put. */
    @Modified
    void modified(FilesystemStoreConfig config) {
        Path dir = rootOf(config.root());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // stay registered: health() reports the problem and the core can pick another store
        }
        MasterKey master = MasterKey.resolve(config._master_key(), generatedKeyFile(config.master_key_file(), dir),
                "next to the data it protects", "etc/" + FilesystemStoreConfig.PID + ".cfg");
        OwnerKeys keys = new OwnerKeys(dir, master);
        setup = new Setup(dir, master, keys, new EncryptedCodec(keys));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public PluginHealth health() {
        Setup s = setup;
        if (!Files.isDirectory(s.root()) || !Files.isWritable(s.root())) {
            return PluginHealth.offline("storage root is not a writable directory: " + s.root());
        }
        PluginHealth master = s.master().health();
        if (master.status() != PluginHealth.Status.OFFLINE && s.keys().wrappedByAnotherMasterKey()) {
            return PluginHealth.offline("the data keys under " + s.root().resolve(OwnerKeys.DIR)
                    + " were wrapped by another master key: was .master.key changed?");
        }
        return master;
    }

    /** The content type is not kept here: the core records it with the media, the bytes are all that is stored. */
    @Override
    public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
        Setup s = setup;
        Path target = BlobKeys.resolve(s.root(), key);
        s.master().key();
        Path dir = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(dir, FileOps.TEMP_PREFIX, ".tmp");
        boolean moved = false;
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // a codec may write its last bytes on close, so close it first but keep the channel for the sync
                try (OutputStream out = s.codec().encoding(key, keepOpen(Channels.newOutputStream(channel)))) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = data.read(buffer)) != -1; ) {
                        sha256.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        size += n;
                    }
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            FileOps.syncDirectory(dir);
            return new BlobInfo(id, key, size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** @throws IOException (not BlobNotFoundException) when the blob exists but cannot be decrypted */
    @Override
    public InputStream open(String key) throws IOException {
        Setup s = setup;
        Path path = BlobKeys.resolve(s.root(), key);
        if (Files.isDirectory(path)) {
            throw new BlobNotFoundException(key);
        }
        InputStream disk;
        try {
            disk = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
        try {
            return s.codec().decoding(key, disk);
        } catch (IOException | RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(BlobKeys.resolve(setup.root(), key));
    }

    /** Empty parent directories are left behind: removing them would race with a concurrent put into them. */
    @Override
    public boolean delete(String key) throws IOException {
        Path path = BlobKeys.resolve(setup.root(), key);
        return Files.isRegularFile(path) && Files.deleteIfExists(path);
    }

    /** Blob files only: the data keys ({@code .keys}) and half-written temporary files are not blobs. */
    @Override
    public void list(java.util.function.Consumer<org.aisora.api.storage.StoredBlob> each) throws IOException {
        Path root = setup.root();
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Path rel = root.relativize(path);
                if (!Files.isRegularFile(path) || rel.getNameCount() < 2 || rel.toString().startsWith(".")
                        || path.getFileName().toString().startsWith(".")) {
                    continue;
                }
                each.accept(new org.aisora.api.storage.StoredBlob(rel.toString().replace(java.io.File.separatorChar, '/'),
                        Files.getLastModifiedTime(path).toInstant()));
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Crypto-shreds an owner: deletes their data key, after which none of their blobs, nor any copy of them,
     * can be decrypted (open fails with an IOException). The blob files themselves stay until deleted; the
     * owner's folders that are empty by then go, so not even a folder name recalls the owner.
     * Account deletion reaches it through the SPI.
     *
     * @return true when the owner had a key
     */
    @Override
    public boolean destroyOwnerKey(String ownerId) throws IOException {
        Setup s = setup;
        boolean destroyed = s.keys().destroy(BlobKeys.checkOwner(ownerId));
        FileOps.removeEmptyDirectories(s.root().resolve(ownerId));
        return destroyed;
    }

    static Path rootOf(String configured) {
        return pathOf(configured, FilesystemStoreConfig.KARAF_DATA + "/aisora/blobs");
    }

    /** Outside Karaf there is no data directory: the key then goes into the root, not the working directory. */
    static Path generatedKeyFile(String configured, Path root) {
        String file = configured == null || configured.isBlank() ? FilesystemStoreConfig.DEFAULT_MASTER_KEY_FILE : configured;
        if (file.contains(FilesystemStoreConfig.KARAF_DATA) && System.getProperty("karaf.data") == null) {
            return root.resolve(".master.key");
        }
        return pathOf(file, FilesystemStoreConfig.DEFAULT_MASTER_KEY_FILE);
    }

    private static Path pathOf(String configured, String fallback) {
        String path = configured == null || configured.isBlank() ? fallback : configured.trim();
        path = path.replace(FilesystemStoreConfig.KARAF_DATA, System.getProperty("karaf.data", "data"));
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static OutputStream keepOpen(OutputStream disk) {
        return new FilterOutputStream(disk) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Everything derived from one configuration, swapped as a whole by {@link #modified}. */
    private record Setup(Path root, MasterKey master, OwnerKeys keys, AtRestCodec codec) {
    }
}
