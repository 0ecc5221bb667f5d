package org.aisora.storage.filesystem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobStore;
import org.aisora.storage.contract.BlobStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract, plus what is particular to files: the root, its health, the layout on disk. */
class FilesystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;
    private Path root;
    private FilesystemBlobStore store;
    private String masterKey;

    @BeforeEach
    void activate() {
        root = dir.resolve("blobs");
        masterKey = Stores.newMasterKey();
        store = Stores.at(dir, masterKey);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected BlobStore anotherNode() {
        return Stores.at(dir, masterKey);
    }

    @Override
    protected byte[] rawCopy(String key) throws IOException {
        return Files.readAllBytes(root.resolve(key));
    }

    @Override
    protected void restoreRaw(String key, byte[] raw) throws IOException {
        Files.write(Files.createDirectories(root.resolve(key).getParent()).resolve(root.resolve(key).getFileName()), raw);
    }

    /** Temp files of puts and of key creation carry a '~', which no key may contain. */
    @Override
    protected List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(Path::toString).filter(p -> p.contains("~")).toList();
        }
    }

    @Test
    void identityAndHealth() throws IOException {
        assertEquals("filesystem", store.id());
        assertEquals(PluginHealth.online(), store.health());
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        PluginHealth health = Stores.of(file.toString(), Stores.newMasterKey(), dir.resolve("k")).health();
        assertEquals(PluginHealth.Status.OFFLINE, health.status());
        assertTrue(health.reason().contains("not-a-dir"));
    }

    @Test
    void defaultRootIsUnderKarafData() {
        Path expected = Path.of(System.getProperty("karaf.data", "data"), "aisora", "blobs").toAbsolutePath().normalize();
        assertEquals(expected, FilesystemBlobStore.rootOf("${karaf.data}/aisora/blobs"));
        assertEquals(expected, FilesystemBlobStore.rootOf(""));
    }

    @Test
    void aBlobIsAFileNamedByItsKeyAndItsOwnerHasOneKeyFile() throws IOException {
        store.put(key("gen/job/1.png"), stream("png"), "image/png");
        store.put(key("gen/job/2.png"), stream("png"), "image/png");
        assertTrue(Files.isRegularFile(root.resolve(key("gen/job/1.png"))));
        try (Stream<Path> keys = Files.list(root.resolve(OwnerKeys.DIR))) {
            assertEquals(List.of(root.resolve(OwnerKeys.DIR).resolve(owner + ".key")), keys.toList());
        }
    }

    @Test
    void rejectedKeysTouchNothingOnDisk() throws IOException {
        for (String key : INVALID_KEYS) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, stream("x"), null), key);
        }
        assertThrows(IllegalArgumentException.class,
                () -> store.put("../" + root.getFileName() + "/x", stream("x"), null));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(dir, root), files.toList());
        }
    }

    @Test
    void aFailedPutOfANewOwnerLeavesOnlyTheOwnersKey() throws IOException {
        assertThrows(IOException.class, () -> store.put(key("new"), failingAfter(200_000), null));
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(root.resolve(OwnerKeys.DIR).resolve(owner + ".key")),
                    files.filter(Files::isRegularFile).toList());
        }
    }
}
