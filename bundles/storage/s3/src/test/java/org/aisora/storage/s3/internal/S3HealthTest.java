package org.aisora.storage.s3.internal;

import org.aisora.api.testing.Configs;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health tells the operator what is wrong: endpoint, credentials, bucket, master key or the configuration itself. */
class S3HealthTest {
    private static final String OWNER = "0b7e6f1c-8a1f-4c52-9d3e-5f0a2b1c4d5e";

    @Test
    void onlineWhenTheBucketAnswers() {
        S3BlobStore store = LoopbackS3.store(LoopbackS3.config("media"));
        try {
            assertEquals(PluginHealth.online(), store.health());
        } finally {
            store.close();
        }
    }

    @Test
    void aMissingBucketIsOffline() {
        PluginHealth health = healthOf(LoopbackS3.config("no-such-bucket"));
        assertEquals(PluginHealth.Status.OFFLINE, health.status());
        assertTrue(health.reason().startsWith("bucket does not exist"), health.reason());
        assertTrue(health.reason().contains("no-such-bucket"), health.reason());
    }

    @Test
    void anEndpointThatIsDownIsOfflineQuickly() throws IOException {
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("endpoint", "http://127.0.0.1:" + closedPort());
        long start = System.nanoTime();
        PluginHealth health = healthOf(config);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(S3Health.TIMEOUT.plusSeconds(2)) < 0);
        assertEquals(PluginHealth.Status.OFFLINE, health.status());
        assertTrue(health.reason().startsWith("endpoint unreachable"), health.reason());

        S3BlobStore store = LoopbackS3.store(config);
        try {
            IOException e = assertThrows(IOException.class, () -> store.exists(OWNER + "/x"));
            assertTrue(e.getMessage().contains("endpoint unreachable"), e.getMessage());
        } finally {
            store.close();
        }
    }

    @Test
    void rejectedCredentialsAreOffline() {
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("_secret_key", "a-wrong-secret");
        PluginHealth health = healthOf(config);
        assertEquals(PluginHealth.Status.OFFLINE, health.status());
        assertTrue(health.reason().startsWith("access denied"), health.reason());
        assertFalse(health.reason().contains("a-wrong-secret"));

        S3BlobStore store = LoopbackS3.store(config);
        try {
            IOException e = assertThrows(IOException.class,
                    () -> store.put(OWNER + "/x", new ByteArrayInputStream(new byte[10]), null));
            assertFalse(e.getMessage().contains("a-wrong-secret"), e.getMessage());
            assertThrows(IOException.class, () -> store.exists(OWNER + "/x"));
        } finally {
            store.close();
        }
    }

    @Test
    void aConfigurationThatCannotWorkIsOfflineAndRefusesEveryCall() {
        for (Map.Entry<String, Object> broken : Map.<String, Object>of("bucket", "", "endpoint", "ftp://host",
                "_secret_key", " ", "multipart_part_size_mib", 1, "key_prefix", "../up").entrySet()) {
            Map<String, Object> config = LoopbackS3.config("media");
            config.put(broken.getKey(), broken.getValue());
            S3BlobStore store = LoopbackS3.store(config);
            PluginHealth health = store.health();
            assertEquals(PluginHealth.Status.OFFLINE, health.status(), broken.toString());
            assertTrue(health.reason().startsWith("misconfigured: "), health.reason());
            IOException e = assertThrows(IOException.class,
                    () -> store.put(OWNER + "/x", new ByteArrayInputStream(new byte[1]), null));
            assertTrue(e.getMessage().contains("misconfigured"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.open("../x"), "keys are still checked first");
            store.close();
        }
    }

    @Test
    void withoutAConfiguredMasterKeyOneIsGeneratedOnThisNodeAndHealthIsDegraded(@TempDir Path dir) throws IOException {
        Map<String, Object> config = LoopbackS3.config("archive");
        config.put("key_prefix", "generated-" + System.nanoTime());
        config.remove("_master_key");
        config.put("master_key_file", dir.resolve("s3-master.key").toString());
        S3BlobStore store = LoopbackS3.store(config);
        try {
            String key = Files.readString(dir.resolve("s3-master.key"), UTF_8).trim();
            PluginHealth health = store.health();
            assertEquals(PluginHealth.Status.DEGRADED, health.status());
            assertTrue(health.reason().contains(".master.key (with its leading dot) is not configured"), health.reason());
            assertTrue(health.reason().contains("every node sharing the bucket needs the same key"), health.reason());
            assertFalse(health.reason().contains(key), "the key itself is never shown");
            store.put(OWNER + "/a", new ByteArrayInputStream("a".getBytes(UTF_8)), null);
            config.put("_master_key", key);
            S3BlobStore configured = LoopbackS3.store(config);
            try {
                assertEquals(PluginHealth.online(), configured.health());
                assertEquals("a", new String(configured.open(OWNER + "/a").readAllBytes(), UTF_8));
            } finally {
                configured.close();
            }
        } finally {
            store.close();
        }
    }

    @Test
    void anInvalidMasterKeyIsOfflineAndNothingIsWritten() throws IOException {
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("_master_key", "AAAA");
        S3BlobStore store = LoopbackS3.store(config);
        try {
            PluginHealth health = store.health();
            assertEquals(PluginHealth.Status.OFFLINE, health.status());
            assertTrue(health.reason().contains("master.key"), health.reason());
            assertThrows(IOException.class, () -> store.put(OWNER + "/x", new ByteArrayInputStream(new byte[1]), null));
            assertFalse(store.exists(OWNER + "/x"));
        } finally {
            store.close();
        }
    }

    @Test
    void theSecretNeverAppearsInMessages() {
        S3Settings settings = S3Settings.of(Configs.of(S3StoreConfig.class, LoopbackS3.config("media")));
        assertFalse(settings.toString().contains(LoopbackS3.SECRET_KEY), settings.toString());
    }

    private static PluginHealth healthOf(Map<String, Object> config) {
        S3BlobStore store = LoopbackS3.store(config);
        try {
            return store.health();
        } finally {
            store.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
