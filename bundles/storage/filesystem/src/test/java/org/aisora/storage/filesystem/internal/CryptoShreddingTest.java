package org.aisora.storage.filesystem.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.storage.support.KeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data key per owner: created once, even under races; destroying it makes the owner's blobs unreadable. */
class CryptoShreddingTest {
    @TempDir
    Path dir;
    private String masterKey;
    private FilesystemBlobStore store;
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @BeforeEach
    void activate() {
        masterKey = Stores.newMasterKey();
        store = Stores.at(dir, masterKey);
    }

    @Test
    void destroyingAnOwnersKeyShredsTheirBlobsAndCopiesButNoOneElses() throws IOException {
        put(alice + "/gen/job/1.png", "alice one");
        put(alice + "/gen/job/2.png", "alice two");
        put(bob + "/gen/job/1.png", "bob one");
        byte[] copy = Files.readAllBytes(file(alice + "/gen/job/1.png"));

        assertTrue(store.destroyOwnerKey(alice));
        assertFalse(Files.exists(keyFile(alice)));

        assertShredded(alice + "/gen/job/1.png");
        assertShredded(alice + "/gen/job/2.png");
        assertEquals("bob one", read(bob + "/gen/job/1.png"));
        assertTrue(Files.isDirectory(dir.resolve("blobs").resolve(alice + "/gen/job")), "folders with blobs stay");

        // once the blobs are deleted too, not even a folder named after the owner is left
        store.delete(alice + "/gen/job/1.png");
        store.delete(alice + "/gen/job/2.png");
        assertFalse(store.destroyOwnerKey(alice));
        assertFalse(Files.exists(dir.resolve("blobs").resolve(alice)));
        assertTrue(Files.isDirectory(dir.resolve("blobs").resolve(bob + "/gen/job")));

        // the owner writes again: a new key, and the copy taken before still does not decrypt
        put(alice + "/gen/job/3.png", "alice three");
        assertEquals("alice three", read(alice + "/gen/job/3.png"));
        Files.write(file(alice + "/gen/job/1.png"), copy);
        assertShredded(alice + "/gen/job/1.png");

        // a restarted store (no cache) agrees
        FilesystemBlobStore restarted = Stores.at(dir, masterKey);
        assertThrows(IOException.class, () -> restarted.open(alice + "/gen/job/1.png"));
        assertEquals("bob one", new String(restarted.open(bob + "/gen/job/1.png").readAllBytes(), UTF_8));
    }

    @Test
    void destroyingTwiceOrAnUnknownOwnerIsFine() throws IOException {
        put(alice + "/x", "x");
        assertTrue(store.destroyOwnerKey(alice));
        assertFalse(store.destroyOwnerKey(alice));
        assertFalse(store.destroyOwnerKey(bob));
        for (String invalid : new String[] {"", "..", "../x", "a/b", "A", ".keys"}) {
            assertThrows(IllegalArgumentException.class, () -> store.destroyOwnerKey(invalid), invalid);
        }
        assertThrows(IllegalArgumentException.class, () -> store.destroyOwnerKey(null));
    }

    @Test
    void aKeyDestroyedByAnotherNodeIsNotServedFromTheCache() throws IOException {
        FilesystemBlobStore otherNode = Stores.at(dir, masterKey);
        put(alice + "/x", "x");
        assertEquals("x", read(alice + "/x"));
        assertTrue(otherNode.destroyOwnerKey(alice));
        assertShredded(alice + "/x");
    }

    @Test
    void aKeyFileRenamedToAnotherOwnerDoesNotUnwrap() throws IOException {
        put(alice + "/x", "x");
        put(bob + "/x", "x");
        Files.copy(keyFile(alice), keyFile(bob), StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertThrows(IOException.class, () -> Stores.at(dir, masterKey).open(bob + "/x"));
        assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
    }

    @Test
    void keyFilesAreSmallWrappedAndPrivate() throws IOException {
        put(alice + "/x", "x");
        assertEquals(KeyFile.LENGTH, Files.size(keyFile(alice)));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile(alice))));
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile(alice).getParent())));
        }
    }

    @RepeatedTest(5)
    void threadsFirstPuttingForOneOwnerShareOneKey() throws Exception {
        raceFirstPuts(List.of(store, store, store, store));
    }

    @RepeatedTest(5)
    void nodesFirstPuttingForOneOwnerShareOneKey() throws Exception {
        // separate instances share no lock: only the file system's exclusive create keeps one key
        raceFirstPuts(List.of(store, Stores.at(dir, masterKey), Stores.at(dir, masterKey), Stores.at(dir, masterKey)));
    }

    private void raceFirstPuts(List<FilesystemBlobStore> stores) throws Exception {
        String owner = UUID.randomUUID().toString();
        CyclicBarrier start = new CyclicBarrier(stores.size());
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < stores.size(); i++) {
                FilesystemBlobStore s = stores.get(i);
                String key = owner + "/blob-" + i;
                byte[] content = ("content " + i).getBytes(UTF_8);
                puts.add(pool.submit(() -> {
                    start.await();
                    return s.put(key, new ByteArrayInputStream(content), null);
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> keys = Files.list(keyFile(owner).getParent())) {
            assertEquals(List.of(keyFile(owner)), keys.toList(), "one key file, no temp files");
        }
        for (int i = 0; i < stores.size(); i++) {
            for (FilesystemBlobStore reader : stores) {
                try (InputStream in = reader.open(owner + "/blob-" + i)) {
                    assertEquals("content " + i, new String(in.readAllBytes(), UTF_8));
                }
            }
        }
    }

    private void assertShredded(String key) {
        assertTrue(store.exists(key), "the file is still there");
        IOException e = assertThrows(IOException.class, () -> store.open(key));
        assertFalse(e instanceof BlobNotFoundException);
    }

    private void put(String key, String text) throws IOException {
        store.put(key, new ByteArrayInputStream(text.getBytes(UTF_8)), "text/plain");
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private Path file(String key) {
        return dir.resolve("blobs").resolve(key);
    }

    private Path keyFile(String owner) {
        return dir.resolve("blobs").resolve(OwnerKeys.DIR).resolve(owner + ".key");
    }
}
