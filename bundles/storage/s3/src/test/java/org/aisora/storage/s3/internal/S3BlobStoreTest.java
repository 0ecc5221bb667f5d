package org.aisora.storage.s3.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.storage.BlobStore;
import org.aisora.storage.contract.BlobStoreContract;
import org.aisora.storage.contract.PatternStream;
import org.aisora.storage.support.BlobFormat;
import org.aisora.storage.support.EncryptedCodec;
import org.aisora.storage.support.KeyFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The shared contract (crypto-shredding included) against S3Proxy on loopback, plus what is particular to buckets. */
class S3BlobStoreTest extends BlobStoreContract {
    private static S3BlobStore store;
    private static S3Client raw;
    private static final List<S3BlobStore> others = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void activate() {
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("key_prefix", "aisora");
        store = LoopbackS3.store(config);
        raw = LoopbackS3.rawClient();
    }

    @AfterAll
    static void deactivate() {
        store.close();
        raw.close();
        others.forEach(S3BlobStore::close);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected BlobStore anotherNode() {
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("key_prefix", "aisora");
        S3BlobStore node = LoopbackS3.store(config);
        others.add(node);
        return node;
    }

    /** The raw object, with a client of its own: what a bucket backup or replica holds. */
    @Override
    protected byte[] rawCopy(String key) {
        return raw.getObjectAsBytes(b -> b.bucket("media").key("aisora/" + key)).asByteArray();
    }

    @Override
    protected void restoreRaw(String key, byte[] bytes) {
        raw.putObject(b -> b.bucket("media").key("aisora/" + key), RequestBody.fromBytes(bytes));
    }

    /** Multipart uploads never completed nor aborted. */
    @Override
    protected List<String> leftovers() {
        return raw.listMultipartUploads(b -> b.bucket("media")).uploads().stream().map(MultipartUpload::key).toList();
    }

    /** Three parts of 5 MiB, the smallest S3 allows. */
    @Override
    protected long largeBlobSize() {
        return 12L << 20;
    }

    @Override
    protected long failedPutOffset() {
        return 6L << 20;
    }

    @Test
    void identity() {
        assertEquals("s3", store.id());
    }

    @Test
    void objectsLiveUnderTheKeyPrefixWithTheirContentTypeEncrypted() throws IOException {
        store.put(key("gen/job/1.png"), stream("png bytes"), "image/png");
        HeadObjectResponse head = raw.headObject(b -> b.bucket("media").key("aisora/" + key("gen/job/1.png")));
        assertEquals("image/png", head.contentType());
        assertEquals(EncryptedCodec.encodedSize(9), head.contentLength());
        String stored = raw.getObjectAsBytes(b -> b.bucket("media").key("aisora/" + key("gen/job/1.png")))
                .asString(ISO_8859_1);
        assertTrue(stored.startsWith("AISE"), "the encrypted format's magic");
        assertFalse(stored.contains("png bytes"));
    }

    @Test
    void anOwnersKeyIsOneSmallObjectUnderTheReservedPrefixWhichListingSkips() throws IOException {
        store.put(key("a"), stream("a"), null);
        store.put(key("b"), stream("b"), null);
        List<S3Object> keys = raw.listObjectsV2(b -> b.bucket("media").prefix("aisora/.keys/" + owner + "/")).contents();
        assertEquals(1, keys.size(), keys.toString());
        assertEquals(KeyFile.LENGTH, keys.get(0).size());
        store.list(blob -> assertFalse(blob.key().startsWith("."), blob.key()));
        assertTrue(store.destroyOwnerKey(owner));
        assertEquals(List.of(), raw.listObjectsV2(b -> b.bucket("media").prefix("aisora/.keys/" + owner + "/")).contents());
    }

    @Test
    void nodesRacingForAnOwnersFirstKeyEachReadWhatTheyWrote() throws Exception {
        List<S3BlobStore> nodes = List.of(store, (S3BlobStore) anotherNode(), (S3BlobStore) anotherNode());
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                S3BlobStore node = nodes.get(i);
                String k = key("blob-" + i);
                puts.add(pool.submit(() -> {
                    start.await();
                    return node.put(k, stream(k), null);
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (S3BlobStore reader : nodes) {
                try (InputStream in = reader.open(key("blob-" + i))) {
                    assertEquals(key("blob-" + i), new String(in.readAllBytes(), UTF_8));
                }
            }
        }
        assertTrue(store.destroyOwnerKey(owner), "every key the race made goes");
        for (int i = 0; i < nodes.size(); i++) {
            String k = key("blob-" + i);
            assertThrows(IOException.class, () -> nodes.get(1).open(k));
        }
    }

    @Test
    void anotherMasterKeyReadsNothingAndHealthSaysWhy() throws IOException {
        store.put(key("x"), stream("x"), null);
        Map<String, Object> config = LoopbackS3.config("media");
        config.put("key_prefix", "aisora");
        config.put("_master_key", LoopbackS3.newMasterKey());
        S3BlobStore wrong = LoopbackS3.store(config);
        try {
            IOException e = assertThrows(IOException.class, () -> wrong.open(key("x")));
            assertTrue(e.getMessage().contains("another master key"), e.getMessage());
            assertThrows(IOException.class, () -> wrong.put(key("y"), stream("y"), null));
            PluginHealth health = wrong.health();
            assertEquals(PluginHealth.Status.OFFLINE, health.status());
            assertTrue(health.reason().contains("another master key"), health.reason());
        } finally {
            wrong.close();
        }
        assertEquals("x", new String(read(key("x")), UTF_8));
    }

    @Test
    void aBodyLargerThanOnePartIsAMultipartUploadAndASmallOneIsNot() throws IOException {
        store.put(key("big"), new PatternStream((5L << 20) + 1), null);
        // what is stored is the encoding: header and a tag per 64 KiB segment
        long plainForOnePart = (5L << 20) - BlobFormat.HEADER_LENGTH - 80 * BlobFormat.TAG_LENGTH;
        assertEquals(5L << 20, EncryptedCodec.encodedSize(plainForOnePart));
        store.put(key("exactly-one-part"), new PatternStream(plainForOnePart), null);
        store.put(key("small"), new PatternStream(1000), null);
        // S3 gives a multipart object the ETag "<md5 of part md5s>-<part count>"
        assertTrue(etag("big").endsWith("-2\""), etag("big"));
        assertTrue(etag("exactly-one-part").endsWith("-1\""), etag("exactly-one-part"));
        assertFalse(etag("small").contains("-"), etag("small"));
        assertEquals((5L << 20) + 1, read(key("big")).length);
    }

    @Test
    void twoFactoryConfigurationsAreTwoIndependentStores() throws IOException {
        Map<String, Object> config = LoopbackS3.config("archive");
        config.put("store_id", "s3-archive");
        S3BlobStore archive = LoopbackS3.store(config);
        try {
            assertEquals("s3-archive", archive.id());
            assertEquals("s3-archive", archive.put(key("x"), stream("archived"), null).storeId());
            assertFalse(store.exists(key("x")));
            assertEquals("archived", new String(archive.open(key("x")).readAllBytes(), UTF_8));
            assertTrue(raw.headObject(b -> b.bucket("archive").key(key("x"))).contentLength() > 0);
        } finally {
            archive.close();
        }
    }

    private String etag(String rest) {
        return raw.headObject(b -> b.bucket("media").key("aisora/" + key(rest))).eTag();
    }
}
