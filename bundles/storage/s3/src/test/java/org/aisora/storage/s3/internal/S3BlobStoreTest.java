package org.aisora.storage.s3.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.aisora.api.storage.BlobStore;
import org.aisora.storage.contract.BlobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The shared contract against a real S3 server on loopback, plus what is particular to buckets. */
class S3BlobStoreTest extends BlobStoreContract {
    private static S3BlobStore store;
    private static S3Client raw;

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
    }

    @Override
    protected BlobStore store() {
        return store;
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
    void objectsLiveUnderTheKeyPrefixWithTheirContentType() throws IOException {
        store.put(key("gen/job/1.png"), stream("png bytes"), "image/png");
        HeadObjectResponse head = raw.headObject(b -> b.bucket("media").key("aisora/" + key("gen/job/1.png")));
        assertEquals("image/png", head.contentType());
        assertEquals(9, head.contentLength());
        assertEquals("png bytes", raw.getObjectAsBytes(b -> b.bucket("media").key("aisora/" + key("gen/job/1.png")))
                .asString(UTF_8));
    }

    @Test
    void aBodyLargerThanOnePartIsAMultipartUploadAndASmallOneIsNot() throws IOException {
        store.put(key("big"), new PatternStream((5L << 20) + 1), null);
        store.put(key("exactly-one-part"), new PatternStream(5L << 20), null);
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
