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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Blobs as files named by their key under one root. A put writes a temp file next to its target, syncs
 * it and renames it into place, so readers see the old blob or the whole new one, never a partial file.
 */
@Component(name = FilesystemStoreConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FilesystemStoreConfig.class, factory = false)
public final class FilesystemBlobStore implements BlobStore {
    static final String ID = "filesystem";
    /** '~' is not allowed in keys, so a temp file can never be mistaken for (or collide with) a blob. */
    private static final String TEMP_PREFIX = ".put~";

    private final AtRestCodec codec = AtRestCodec.PLAIN;
    private volatile Path root;

    @Activate
    public FilesystemBlobStore(FilesystemStoreConfig config) {
        modified(config);
    }

    /** Switching the root takes effect for the next call; blobs already written stay where they are. */
    @Modified
    void modified(FilesystemStoreConfig config) {
        Path dir = rootOf(config.root());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // stay registered: health() reports the problem and the core can pick another store
        }
        root = dir;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginHealth health() {
        Path dir = root;
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return PluginHealth.offline("storage root is not a writable directory: " + dir);
        }
        return PluginHealth.online();
    }

    /** The content type is not kept here: the core records it with the media, the bytes are all that is stored. */
    @Override
    public BlobInfo put(String key, InputStream data, String contentType) throws IOException {
        Path target = BlobKeys.resolve(root, key);
        Path dir = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        boolean moved = false;
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // a codec may write its last bytes on close, so close it first but keep the channel for the sync
                try (OutputStream out = codec.encoding(keepOpen(Channels.newOutputStream(channel)))) {
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
            syncDirectory(dir);
            return new BlobInfo(ID, key, size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path path = BlobKeys.resolve(root, key);
        if (Files.isDirectory(path)) {
            throw new BlobNotFoundException(key);
        }
        try {
            return codec.decoding(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(BlobKeys.resolve(root, key));
    }

    /** Empty parent directories are left behind: removing them would race with a concurrent put into them. */
    @Override
    public boolean delete(String key) throws IOException {
        Path path = BlobKeys.resolve(root, key);
        return Files.isRegularFile(path) && Files.deleteIfExists(path);
    }

    static Path rootOf(String configured) {
        String dir = configured == null || configured.isBlank()
                ? FilesystemStoreConfig.KARAF_DATA + "/aisora/blobs" : configured.trim();
        dir = dir.replace(FilesystemStoreConfig.KARAF_DATA, System.getProperty("karaf.data", "data"));
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Makes the rename itself durable; not every platform can open a directory, and then the OS decides. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort only
        }
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
}
