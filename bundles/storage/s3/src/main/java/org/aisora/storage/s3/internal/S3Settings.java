package org.aisora.storage.s3.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A validated configuration and the client it makes. The client is built from this configuration alone:
 * no ~/.aws profile, no environment credentials, no instance metadata, no HTTP client found by ServiceLoader
 * (which does not work across OSGi bundles), only the JDK's HttpURLConnection.
 */
record S3Settings(String id, URI endpoint, Region region, String bucket, String accessKey, String secretKey,
                  boolean pathStyle, ObjectKeys keys, int partSize) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final int MIN_PART_MIB = 5;

    /** @throws IllegalArgumentException with a message for the operator (never a secret) */
    static S3Settings of(S3StoreConfig config) {
        String id = required(config.store_id(), "store.id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("store.id must be lower-case letters, digits, '.', '_', '-'");
        }
        URI endpoint = null;
        String configured = config.endpoint() == null ? "" : config.endpoint().trim();
        if (!configured.isEmpty()) {
            endpoint = URI.create(configured);
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an http:// or https:// URL");
            }
        }
        int partMib = config.multipart_part_size_mib();
        if (partMib < MIN_PART_MIB || partMib > 512) {
            throw new IllegalArgumentException("multipart.part.size.mib must be between 5 and 512");
        }
        return new S3Settings(id, endpoint, Region.of(required(config.region(), "region")),
                required(config.bucket(), "bucket"), required(config.access_key(), "access.key"),
                required(config._secret_key(), ".secret.key"), config.path_style_access(),
                new ObjectKeys(config.key_prefix()), partMib * 1024 * 1024);
    }

    S3Client client() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(pathStyle)
                // HttpURLConnection waits up to 5 s for a "100 Continue" that some servers never send
                .serviceConfiguration(c -> c.expectContinueEnabled(false))
                // the newer default checksums (CRC32 trailers in aws-chunked bodies) are not understood by every
                // S3-compatible service; integrity of what we store is checked by our own SHA-256
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.defaultProfileFile(ProfileFile.aggregator().build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** Where the bucket is, for messages. */
    String location() {
        return (endpoint == null ? "AWS S3 " + region.id() : endpoint.toString()) + ", bucket " + bucket;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not configured");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "S3Settings[" + id + ", " + location() + "]";
    }
}
