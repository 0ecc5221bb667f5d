package org.aisora.storage.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aisora.api.plugin.DataTransfer;
import org.aisora.api.testing.Configs;
import org.junit.jupiter.api.Test;

/** The bucket's host is named as the third party that holds the media; a store that cannot work names none. */
class S3DataTransferTest {
    private static S3BlobStore store(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("bucket", "media", "access_key", "a", "_secret_key", "s"));
        config.putAll(overrides);
        return new S3BlobStore(Configs.of(S3StoreConfig.class, config));
    }

    @Test
    void theEndpointHostOrTheAwsRegionalHostReceivesTheMedia() {
        S3BlobStore custom = store(Map.of("endpoint", "https://objects.example.net:9000"));
        S3BlobStore aws = store(Map.of("region", "eu-west-1"));
        try {
            assertEquals(Optional.of(new DataTransfer("objects.example.net", "storing media files",
                    List.of("media files"), "until we delete them")), custom.dataTransfer());
            assertEquals("s3.eu-west-1.amazonaws.com", aws.dataTransfer().orElseThrow().vendor());
        } finally {
            custom.close();
            aws.close();
        }
        assertEquals(Optional.empty(), store(Map.of("bucket", "")).dataTransfer(), "misconfigured: nothing is sent");
    }
}
