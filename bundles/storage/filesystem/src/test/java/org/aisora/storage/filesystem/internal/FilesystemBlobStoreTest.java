package org.aisora.storage.filesystem.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {
    @TempDir
    Path root;
    private FilesystemBlobStore store;

    @BeforeEach
    void activate() {
        store = storeAt(root.toString());
    }

    @Test
    void identityAndHealth() throws IOException {
        assertEquals("filesystem", store.id());
        assertEquals(PluginHealth.online(), store.health());
        Path file = Files.writeString(root.resolve("not-a-dir"), "x");
        PluginHealth health = storeAt(file.toString()).health();
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
    void roundTripKeepsBytesAndReportsSizeAndSha256() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(1).nextBytes(bytes);
        BlobInfo info = store.put("u1/media/1.png", new ByteArrayInputStream(bytes), "image/png");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(new BlobInfo("filesystem", "u1/media/1.png", bytes.length, sha), info);
        assertTrue(store.exists("u1/media/1.png"));
        assertArrayEquals(bytes, read("u1/media/1.png"));
        assertTrue(Files.isRegularFile(root.resolve("u1/media/1.png")));
    }

    @Test
    void putOverwritesAndEmptyBlobsAreFine() throws IOException {
        store.put("u1/a.txt", stream("first version"), "text/plain");
        BlobInfo second = store.put("u1/a.txt", stream("two"), "text/plain");
        assertEquals(3, second.size());
        assertEquals("two", new String(read("u1/a.txt"), UTF_8));
        assertEquals(0, store.put("u1/empty", stream(""), null).size());
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void deleteAndMissingKeys() throws IOException {
        assertThrows(BlobNotFoundException.class, () -> store.open("u1/nothing"));
        assertFalse(store.exists("u1/nothing"));
        assertFalse(store.delete("u1/nothing"));
        store.put("u1/x", stream("x"), null);
        assertTrue(store.delete("u1/x"));
        assertFalse(store.delete("u1/x"));
        assertThrows(BlobNotFoundException.class, () -> store.open("u1/x"));
    }

    @Test
    void directoriesAreNotBlobs() throws IOException {
        store.put("u1/dir/blob", stream("x"), null);
        assertFalse(store.exists("u1/dir"));
        assertFalse(store.delete("u1/dir"));
        assertThrows(BlobNotFoundException.class, () -> store.open("u1/dir"));
        assertTrue(store.exists("u1/dir/blob"));
    }

    @Test
    void traversalAndMalformedKeysAreRejected() throws IOException {
        for (String key : new String[] {"../x", "a/../../b", "/etc/passwd", "A", "", "a//b", "a/", "a/./b", "a/..",
                "..", "a\\b", "a b", "u1/" + "x".repeat(256), "../" + root.getFileName() + "/x"}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, stream("x"), null), key);
            assertThrows(IllegalArgumentException.class, () -> store.open(key), key);
            assertThrows(IllegalArgumentException.class, () -> store.exists(key), key);
            assertThrows(IllegalArgumentException.class, () -> store.delete(key), key);
        }
        assertThrows(IllegalArgumentException.class, () -> store.open(null));
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(root), files.toList());
        }
    }

    @Test
    void concurrentPutsOfDifferentKeys() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "u" + (i % 3) + "/shared/blob-" + i;
                String content = "content of " + i;
                results.add(pool.submit(() -> store.put(key, stream(content), null)));
            }
            for (Future<BlobInfo> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("content of " + i, new String(read("u" + (i % 3) + "/shared/blob-" + i), UTF_8));
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void failedPutLeavesNothingBehindAndKeepsTheOldBlob() throws IOException {
        assertThrows(IOException.class, () -> store.put("u1/new", failingAfter(200_000), null));
        assertFalse(store.exists("u1/new"));
        assertEquals(List.of(), regularFiles());

        store.put("u1/old", stream("old"), null);
        assertThrows(IOException.class, () -> store.put("u1/old", failingAfter(10), null));
        assertEquals("old", new String(read("u1/old"), UTF_8));
        assertEquals(List.of(root.resolve("u1/old")), regularFiles());
    }

    private FilesystemBlobStore storeAt(String dir) {
        return new FilesystemBlobStore(Configs.of(FilesystemStoreConfig.class, Map.of("root", dir)));
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    /** A client that disconnects half-way through an upload. */
    private static InputStream failingAfter(int bytes) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= bytes) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> tempFiles() throws IOException {
        return regularFiles().stream().filter(p -> p.getFileName().toString().contains("~")).toList();
    }
}
