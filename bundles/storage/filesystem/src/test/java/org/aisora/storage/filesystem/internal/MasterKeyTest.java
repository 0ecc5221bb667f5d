package org.aisora.storage.filesystem.internal;

import org.aisora.api.testing.Configs;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from, and what the store does without a usable one. */
class MasterKeyTest {
    private static final String OWNER = "0b7e6f1c-8a1f-4c52-9d3e-5f0a2b1c4d5e";

    @TempDir
    Path dir;

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOncePrivatelyAndHealthIsDegraded() throws IOException {
        FilesystemBlobStore store = Stores.at(dir, "");
        Path generated = dir.resolve("master.key");
        String key = Files.readString(generated, UTF_8).trim();
        assertEquals(32, Base64.getDecoder().decode(key).length);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)));
        }
        PluginHealth health = store.health();
        assertEquals(PluginHealth.Status.DEGRADED, health.status());
        assertTrue(health.reason().contains(".master.key (with its leading dot) is not configured"), health.reason());
        assertTrue(health.reason().contains(generated.toString()), health.reason());
        assertFalse(health.reason().contains(key), "the key itself is never shown");

        store.put(OWNER + "/a", new ByteArrayInputStream("a".getBytes(UTF_8)), null);
        // restarted: the same generated key, and once it is configured the blobs still read, health ONLINE
        assertEquals("a", read(Stores.at(dir, ""), OWNER + "/a"));
        assertEquals(key, Files.readString(generated, UTF_8).trim());
        FilesystemBlobStore configured = Stores.at(dir, key);
        assertEquals(PluginHealth.online(), configured.health());
        assertEquals("a", read(configured, OWNER + "/a"));
    }

    @Test
    void aConfiguredKeyGeneratesNothing() {
        assertEquals(PluginHealth.online(), Stores.at(dir, Stores.newMasterKey()).health());
        assertFalse(Files.exists(dir.resolve("master.key")));
    }

    @Test
    void anInvalidConfiguredKeyTakesTheStoreOfflineAndEveryPutFails() throws IOException {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        for (String invalid : new String[] {"not base64 at all!", sixteenBytes, "AAAA"}) {
            FilesystemBlobStore store = Stores.at(dir, invalid);
            PluginHealth health = store.health();
            assertEquals(PluginHealth.Status.OFFLINE, health.status(), invalid);
            assertTrue(health.reason().contains("master.key"), health.reason());
            assertFalse(health.reason().contains(invalid), "the configured value is never shown");
            IOException e = assertThrows(IOException.class,
                    () -> store.put(OWNER + "/x", new ByteArrayInputStream(new byte[10]), null));
            assertFalse(e.getMessage().contains(invalid));
            assertThrows(IOException.class, () -> store.open(OWNER + "/x"));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(dir, dir.resolve("blobs")), files.toList(), "nothing written, nothing generated");
        }
    }

    @Test
    void aDamagedGeneratedKeyIsReportedNotReplaced() throws IOException {
        Files.writeString(dir.resolve("master.key"), "garbage");
        FilesystemBlobStore store = Stores.at(dir, "");
        assertEquals(PluginHealth.Status.OFFLINE, store.health().status());
        assertThrows(IOException.class, () -> store.put(OWNER + "/x", new ByteArrayInputStream(new byte[1]), null));
        assertEquals("garbage", Files.readString(dir.resolve("master.key")));
    }

    @Test
    void theGeneratedKeyGoesUnderKarafDataOrOutsideKarafIntoTheRoot() {
        Path root = dir.resolve("blobs");
        String previous = System.getProperty("karaf.data");
        try {
            System.clearProperty("karaf.data");
            assertEquals(root.resolve(".master.key"), FilesystemBlobStore.generatedKeyFile("", root));
            assertEquals(root.resolve(".master.key"), FilesystemBlobStore.generatedKeyFile("${karaf.data}/k", root));
            assertEquals(dir.resolve("k"), FilesystemBlobStore.generatedKeyFile(dir.resolve("k").toString(), root));
            System.setProperty("karaf.data", dir.resolve("data").toString());
            assertEquals(dir.resolve("data/aisora/master.key"), FilesystemBlobStore.generatedKeyFile("", root));
        } finally {
            if (previous == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", previous);
            }
        }
    }

    @Test
    void aStoreGivenOnlyARootKeepsItsGeneratedKeyThere() throws IOException {
        Path root = dir.resolve("only-root");
        FilesystemBlobStore store = new FilesystemBlobStore(Configs.of(FilesystemStoreConfig.class,
                Map.of("root", root.toString())));
        assertEquals(PluginHealth.Status.DEGRADED, store.health().status());
        assertTrue(Files.isRegularFile(root.resolve(".master.key")));
        store.put(OWNER + "/a", new ByteArrayInputStream("a".getBytes(UTF_8)), null);
        assertEquals("a", read(store, OWNER + "/a"));
    }

    private static String read(FilesystemBlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
