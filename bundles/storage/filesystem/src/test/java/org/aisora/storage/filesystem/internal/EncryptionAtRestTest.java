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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.storage.BlobNotFoundException;
import org.aisora.storage.support.BlobFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What is on disk is ciphertext, and any change to it is noticed rather than served. */
class EncryptionAtRestTest {
    private static final int SEGMENT = BlobFormat.SEGMENT_SIZE;
    private static final int SEALED = SEGMENT + BlobFormat.TAG_LENGTH;
    private static final int HEADER = BlobFormat.HEADER_LENGTH;

    @TempDir
    Path dir;
    private FilesystemBlobStore store;
    private final String owner = UUID.randomUUID().toString();

    @BeforeEach
    void activate() {
        store = Stores.at(dir, Stores.newMasterKey());
    }

    @Test
    void roundTripsAroundSegmentBoundariesWithTheExpectedFileSize() throws Exception {
        for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 5 * 1024 * 1024 + 123}) {
            byte[] bytes = random(size);
            String key = owner + "/gen/" + size + ".bin";
            BlobInfo info = store.put(key, new ByteArrayInputStream(bytes), null);
            assertEquals(size, info.size());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    info.sha256(), "the plaintext's digest");
            assertArrayEquals(bytes, read(key), "size " + size);
            long segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
            assertEquals(HEADER + size + segments * BlobFormat.TAG_LENGTH, Files.size(file(key)), "size " + size);
        }
    }

    @Test
    void theFileHoldsNoPlaintextAndTheSameBytesEncryptDifferently() throws IOException {
        byte[] text = "Lorem ipsum dolor sit amet, a very recognisable sentence. ".repeat(3000).getBytes(UTF_8);
        store.put(owner + "/a.txt", new ByteArrayInputStream(text), "text/plain");
        store.put(owner + "/b.txt", new ByteArrayInputStream(text), "text/plain");
        byte[] a = Files.readAllBytes(file(owner + "/a.txt"));
        byte[] b = Files.readAllBytes(file(owner + "/b.txt"));
        assertFalse(contains(a, Arrays.copyOf(text, 12)), "plaintext found on disk");
        assertFalse(contains(a, "Lorem".getBytes(UTF_8)));
        assertEquals(a.length, b.length);
        assertFalse(Arrays.equals(a, HEADER, a.length, b, HEADER, b.length), "a fresh key and nonces per blob");
        assertEquals(new String(text, UTF_8), new String(read(owner + "/b.txt"), UTF_8));
    }

    @Test
    void aChangedByteAnywhereIsNoticed() throws IOException {
        String key = putBlob(3 * SEGMENT + 100);
        byte[] original = Files.readAllBytes(file(key));
        for (int offset : new int[] {0, 4, 5, 9, 30, HEADER - 1, HEADER, HEADER + 1000, HEADER + SEALED - 1,
                HEADER + 2 * SEALED + 5, original.length - 1}) {
            byte[] bytes = original.clone();
            bytes[offset] ^= 0x01;
            Files.write(file(key), bytes);
            assertUnreadable(key, "byte " + offset);
        }
        Files.write(file(key), original);
        assertEquals(3 * SEGMENT + 100, read(key).length);
    }

    @Test
    void truncationIsNoticedEvenAtASegmentBoundary() throws IOException {
        String key = putBlob(3 * SEGMENT + 100);
        byte[] original = Files.readAllBytes(file(key));
        for (int length : new int[] {0, 10, HEADER, HEADER + 15, HEADER + SEALED, HEADER + 2 * SEALED,
                HEADER + 3 * SEALED, HEADER + 3 * SEALED + 50, original.length - 1}) {
            Files.write(file(key), Arrays.copyOf(original, length));
            assertUnreadable(key, "cut at " + length);
        }
    }

    @Test
    void segmentsSwappedDroppedOrDuplicatedAreNoticed() throws IOException {
        String key = putBlob(3 * SEGMENT + 100);
        byte[] original = Files.readAllBytes(file(key));
        byte[] swapped = original.clone();
        System.arraycopy(original, HEADER, swapped, HEADER + SEALED, SEALED);
        System.arraycopy(original, HEADER + SEALED, swapped, HEADER, SEALED);
        Files.write(file(key), swapped);
        assertUnreadable(key, "first two segments swapped");

        byte[] dropped = concat(Arrays.copyOf(original, HEADER + SEALED),
                Arrays.copyOfRange(original, HEADER + 2 * SEALED, original.length));
        Files.write(file(key), dropped);
        assertUnreadable(key, "second segment dropped");

        byte[] duplicated = concat(Arrays.copyOf(original, HEADER + SEALED),
                Arrays.copyOfRange(original, HEADER, original.length));
        Files.write(file(key), duplicated);
        assertUnreadable(key, "first segment repeated");
    }

    @Test
    void appendedBytesAreNoticed() throws IOException {
        for (int size : new int[] {0, 100, SEGMENT}) {
            String key = putBlob(size);
            byte[] original = Files.readAllBytes(file(key));
            Files.write(file(key), concat(original, new byte[] {0}));
            assertUnreadable(key, "one byte appended to " + size);
            Files.write(file(key), concat(original, Arrays.copyOfRange(original, HEADER, original.length)));
            assertUnreadable(key, "last segment appended again to " + size);
        }
    }

    @Test
    void aBlobFileMovedToAnotherKeyDoesNotDecrypt() throws IOException {
        String key = putBlob(1000);
        String sameOwner = owner + "/elsewhere.png";
        String otherOwner = UUID.randomUUID() + "/x.png";
        store.put(otherOwner, new ByteArrayInputStream(new byte[1]), null);
        for (String target : new String[] {sameOwner, otherOwner}) {
            Files.createDirectories(file(target).getParent());
            Files.copy(file(key), file(target), StandardCopyOption.REPLACE_EXISTING);
            assertUnreadable(target, "moved to " + target);
        }
    }

    @Test
    void anotherMasterKeyReadsNothingAndWritesNothingForKnownOwners() throws IOException {
        String key = putBlob(1000);
        FilesystemBlobStore other = Stores.at(dir, Stores.newMasterKey());
        IOException e = assertThrows(IOException.class, () -> other.open(key));
        assertTrue(e.getMessage().contains("another master key"), e.getMessage());
        assertThrows(IOException.class, () -> other.put(owner + "/new", new ByteArrayInputStream(new byte[1]), null));
        PluginHealth health = other.health();
        assertEquals(PluginHealth.Status.OFFLINE, health.status());
        assertTrue(health.reason().contains("another master key"), health.reason());
        assertEquals(1000, read(key).length, "the right key still reads");
    }

    @Test
    void aFileThatIsNotAnEncryptedBlobIsAnErrorNotMissing() throws IOException {
        String key = owner + "/plain.txt";
        Files.createDirectories(file(key).getParent());
        Files.writeString(file(key), "written by something else, unencrypted, long enough for a header".repeat(2));
        IOException e = assertThrows(IOException.class, () -> store.open(key));
        assertFalse(e instanceof BlobNotFoundException);
        assertTrue(store.exists(key));
    }

    private String putBlob(int size) throws IOException {
        String key = owner + "/blob-" + size + "-" + UUID.randomUUID() + ".bin";
        store.put(key, new ByteArrayInputStream(random(size)), null);
        return key;
    }

    /** Fails at open or while reading, with an IOException that does not pretend the blob is missing. */
    private void assertUnreadable(String key, String what) {
        Executable readAll = () -> {
            try (InputStream in = store.open(key)) {
                in.readAllBytes();
            }
        };
        IOException e = assertThrows(IOException.class, readAll, what);
        assertFalse(e instanceof BlobNotFoundException, what);
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private Path file(String key) {
        return dir.resolve("blobs").resolve(key);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
