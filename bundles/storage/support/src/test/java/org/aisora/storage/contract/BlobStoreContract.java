package org.aisora.storage.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.api.storage.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, run unchanged against each backend (published in this module's
 * test-jar), crypto-shredding included. A subclass supplies the store and a look at its raw bytes; each test
 * writes under an owner of its own, so one store or bucket may serve a whole class.
 */
public abstract class BlobStoreContract {
    /** Keys the SPI's grammar refuses: upper case, traversal, empty segments, no owner segment, too long. */
    protected static final List<String> INVALID_KEYS = List.of("../x", "a/../../b", "/etc/passwd", "A/b", "", "a//b",
            "a/", "a/./b", "a/..", "..", "a\\b", "a b/c", "a/b?c", "owner-only", "u1/" + "x".repeat(256));

    protected String owner;

    protected abstract BlobStore store();

    /** Another instance on the same data and configuration, with nothing cached: another node, or a restart. */
    protected abstract BlobStore anotherNode();

    /** The bytes a blob is stored as (its file, its raw object), copied aside as a backup would be. */
    protected abstract byte[] rawCopy(String key) throws IOException;

    /** Puts such bytes back where the store keeps the blob, behind its back: a backup restored. */
    protected abstract void restoreRaw(String key, byte[] raw) throws IOException;

    /** Temp files, unfinished uploads and the like that puts left behind; none is the expected answer. */
    protected List<String> leftovers() throws IOException {
        return List.of();
    }

    /** Large enough to be streamed in several parts by the backend. */
    protected long largeBlobSize() {
        return 12L << 20;
    }

    /** Where a client disconnects in the failed-put test: past the first part of a multipart backend. */
    protected long failedPutOffset() {
        return 200_000;
    }

    @BeforeEach
    void newOwner() {
        owner = UUID.randomUUID().toString();
    }

    protected String key(String rest) {
        return owner + "/" + rest;
    }

    @Test
    void putThenOpenKeepsTheBytesAndReportsSizeAndSha256() throws IOException {
        for (int size : new int[] {0, 1, 1000, 65_535, 65_536, 65_537, 300_000}) {
            byte[] bytes = randomBytes(size, size);
            String key = key("gen/" + UUID.randomUUID() + "/" + size + ".png");
            BlobInfo info = store().put(key, new ByteArrayInputStream(bytes), "image/png");
            assertEquals(new BlobInfo(store().id(), key, size, sha256Hex(bytes)), info, "size " + size);
            assertTrue(store().exists(key));
            assertArrayEquals(bytes, read(key), "size " + size);
        }
    }

    @Test
    void putOverwritesTheWholeBlob() throws IOException {
        String key = key("a.txt");
        store().put(key, stream("a first version, longer than the second"), "text/plain");
        BlobInfo second = store().put(key, stream("two"), "text/plain");
        assertEquals(new BlobInfo(store().id(), key, 3, sha256Hex("two".getBytes(UTF_8))), second);
        assertEquals("two", new String(read(key), UTF_8));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aNullContentTypeIsAccepted() throws IOException {
        assertEquals(1, store().put(key("x"), stream("x"), null).size());
        assertEquals("x", new String(read(key("x")), UTF_8));
    }

    @Test
    void listHandsOverEveryBlobOnceAndNothingElse() throws IOException {
        String a = key("listed-a");
        String b = key("deep/listed-b");
        store().put(a, stream("a"), null);
        store().put(b, stream("b"), null);
        String gone = key("listed-gone");
        store().put(gone, stream("c"), null);
        store().delete(gone);
        java.util.Map<String, java.time.Instant> seen = new java.util.HashMap<>();
        java.time.Instant before = java.time.Instant.now().minusSeconds(120);
        store().list(blob -> assertNull(seen.put(blob.key(), blob.lastModified()), "listed twice: " + blob.key()));
        assertTrue(seen.containsKey(a), seen.keySet().toString());
        assertTrue(seen.containsKey(b), seen.keySet().toString());
        assertFalse(seen.containsKey(gone));
        assertTrue(seen.get(a).isAfter(before), "last modified " + seen.get(a));
        for (String k : seen.keySet()) {
            assertTrue(store().exists(k), "every listed key is a blob the store opens by that key: " + k);
        }
    }

    @Test
    void aMissingKeyIsNotFound() throws IOException {
        String key = key("nothing/here.png");
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store().open(key));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertFalse(store().exists(key));
        assertFalse(store().delete(key));
    }

    @Test
    void deleteRemovesOnceAndIsFineTwice() throws IOException {
        String key = key("x");
        store().put(key, stream("x"), null);
        assertTrue(store().delete(key));
        assertFalse(store().exists(key));
        assertFalse(store().delete(key));
        assertThrows(BlobNotFoundException.class, () -> store().open(key));
    }

    @Test
    void aKeyPrefixIsNotABlob() throws IOException {
        store().put(key("dir/blob"), stream("x"), null);
        assertFalse(store().exists(key("dir")));
        assertFalse(store().delete(key("dir")));
        assertThrows(BlobNotFoundException.class, () -> store().open(key("dir")));
        assertTrue(store().exists(key("dir/blob")));
    }

    @Test
    void invalidKeysAreRejectedBeforeAnythingHappens() throws IOException {
        for (String key : INVALID_KEYS) {
            assertThrows(IllegalArgumentException.class, () -> store().put(key, stream("x"), null), key);
            assertThrows(IllegalArgumentException.class, () -> store().open(key), key);
            assertThrows(IllegalArgumentException.class, () -> store().exists(key), key);
            assertThrows(IllegalArgumentException.class, () -> store().delete(key), key);
        }
        assertThrows(IllegalArgumentException.class, () -> store().open(null));
        assertThrows(IllegalArgumentException.class, () -> store().put(null, stream("x"), null));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aLargeBlobIsStreamedBothWays() throws IOException {
        String key = key("large.bin");
        long size = largeBlobSize();
        MessageDigest sent = sha256();
        BlobInfo info = store().put(key, new DigestInputStream(new PatternStream(size), sent), "application/octet-stream");
        assertEquals(size, info.size());
        assertEquals(HexFormat.of().formatHex(sent.digest()), info.sha256());

        MessageDigest received = sha256();
        PatternStream expected = new PatternStream(size);
        long total = 0;
        try (InputStream in = store().open(key)) {
            byte[] buffer = new byte[50_000];
            byte[] want = new byte[buffer.length];
            for (int n; (n = in.read(buffer)) != -1; total += n) {
                received.update(buffer, 0, n);
                assertEquals(n, expected.readNBytes(want, 0, n));
                assertTrue(Arrays.equals(buffer, 0, n, want, 0, n), "bytes differ near offset " + total);
            }
        }
        assertEquals(size, total);
        assertEquals(info.sha256(), HexFormat.of().formatHex(received.digest()));
    }

    @Test
    void aStreamMayBeClosedBeforeItsEnd() throws IOException {
        byte[] bytes = randomBytes(300_000, 7);
        store().put(key("partial"), new ByteArrayInputStream(bytes), null);
        for (int i = 0; i < 5; i++) {
            try (InputStream in = store().open(key("partial"))) {
                assertArrayEquals(Arrays.copyOf(bytes, 10), in.readNBytes(10));
            }
        }
        assertArrayEquals(bytes, read(key("partial")));
    }

    @Test
    void concurrentPutsOfDifferentKeys() throws Exception {
        int count = 48;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = key("shared/blob-" + i);
                byte[] content = ("content of " + i).repeat(i * 97).getBytes(UTF_8);
                results.add(pool.submit(() -> store().put(key, new ByteArrayInputStream(content), null)));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(("content of " + i).length() * i * 97L, results.get(i).get().size());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < count; i++) {
            assertEquals(("content of " + i).repeat(i * 97), new String(read(key("shared/blob-" + i)), UTF_8));
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void concurrentOverwritesLeaveOneWholeBlob() throws Exception {
        String key = key("contended");
        int writers = 4;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] content = String.valueOf((char) ('a' + i)).repeat(200_000).getBytes(UTF_8);
                results.add(pool.submit(() -> {
                    start.await();
                    return store().put(key, new ByteArrayInputStream(content), null);
                }));
            }
            for (Future<BlobInfo> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String stored = new String(read(key), UTF_8);
        assertEquals(200_000, stored.length());
        assertEquals(1, stored.chars().distinct().count(), "one writer's blob, whole");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedPutStoresNothingAndKeepsTheOldBlob() throws IOException {
        assertThrows(IOException.class, () -> store().put(key("new"), failingAfter(failedPutOffset()), null));
        assertFalse(store().exists(key("new")));
        assertThrows(BlobNotFoundException.class, () -> store().open(key("new")));

        store().put(key("old"), stream("old"), null);
        assertThrows(IOException.class, () -> store().put(key("old"), failingAfter(failedPutOffset()), null));
        assertThrows(IOException.class, () -> store().put(key("old"), failingAfter(10), null));
        assertEquals("old", new String(read(key("old")), UTF_8));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void blobsOfDifferentOwnersAreSeparate() throws IOException {
        String other = UUID.randomUUID() + "/same/name";
        store().put(key("same/name"), stream("mine"), null);
        store().put(other, stream("theirs"), null);
        assertEquals("mine", new String(read(key("same/name")), UTF_8));
        assertTrue(store().delete(other));
        assertTrue(store().exists(key("same/name")));
        assertEquals(List.of(), leftovers());
    }

    /** Crypto-shredding: once the owner's key is destroyed, no copy of their blobs decrypts; others' still read. */
    @Test
    void aRawObjectCopiedAsideNoLongerDecryptsAfterADeletion() throws IOException {
        byte[] secret = ("secret of " + owner + "; ").repeat(4000).getBytes(UTF_8);
        String a = key("gen/a.png");
        String b = key("gen/b.png");
        String theirs = UUID.randomUUID() + "/gen/a.png";
        store().put(a, new ByteArrayInputStream(secret), "image/png");
        store().put(b, stream("b"), "image/png");
        store().put(theirs, stream("theirs"), "image/png");
        byte[] copy = rawCopy(a);
        assertFalse(contains(copy, "secret of ".getBytes(UTF_8)), "stored encrypted");
        assertTrue(copy.length > secret.length);

        // while the key lives, the copy is a working backup
        assertTrue(store().delete(a));
        restoreRaw(a, copy);
        assertArrayEquals(secret, read(a));

        // the account's deletion: its blobs deleted, its key destroyed (once)
        assertTrue(store().delete(a));
        assertTrue(store().destroyOwnerKey(owner));
        assertFalse(store().destroyOwnerKey(owner));

        restoreRaw(a, copy);
        assertTrue(store().exists(a), "the copy is back in place");
        assertShredded(store(), a);
        assertShredded(store(), b);
        assertEquals("theirs", new String(read(theirs), UTF_8));
        BlobStore other = anotherNode();
        assertShredded(other, a);
        try (InputStream in = other.open(theirs)) {
            assertEquals("theirs", new String(in.readAllBytes(), UTF_8));
        }

        // the owner id writing again gets a new key, under which the copy does not decrypt either
        store().put(key("gen/c.png"), stream("new"), null);
        assertEquals("new", new String(read(key("gen/c.png")), UTF_8));
        restoreRaw(a, copy);
        assertShredded(store(), a);
        assertThrows(IllegalArgumentException.class, () -> store().destroyOwnerKey("../" + owner));
        assertThrows(IllegalArgumentException.class, () -> store().destroyOwnerKey(null));
    }

    @Test
    void aKeyDestroyedOnAnotherNodeIsNotServedFromACache() throws IOException {
        store().put(key("x"), stream("x"), null);
        assertEquals("x", new String(read(key("x")), UTF_8));
        assertTrue(anotherNode().destroyOwnerKey(owner));
        assertShredded(store(), key("x"));
        store().put(key("y"), stream("y"), null);
        assertEquals("y", new String(read(key("y")), UTF_8), "a new key, not the destroyed one from a cache");
        try (InputStream in = anotherNode().open(key("y"))) {
            assertEquals("y", new String(in.readAllBytes(), UTF_8));
        }
    }

    private static void assertShredded(BlobStore store, String key) {
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = store.open(key)) {
                in.readAllBytes();
            }
        }, key);
        assertFalse(e instanceof BlobNotFoundException, "the blob is there but does not decrypt: " + e);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    protected byte[] read(String key) throws IOException {
        try (InputStream in = store().open(key)) {
            return in.readAllBytes();
        }
    }

    protected static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** A client that disconnects after sending {@code bytes} bytes. */
    protected static InputStream failingAfter(long bytes) {
        return new PatternStream(Long.MAX_VALUE) {
            private long sent;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent >= bytes) {
                    throw new IOException("connection reset");
                }
                int n = super.read(buffer, offset, (int) Math.min(length, bytes - sent));
                sent += n;
                return n;
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
