package org.aisora.storage.s3.internal;

import org.aisora.api.testing.Configs;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Proxy (an S3 API server, in-process, plain HTTP on a random loopback port, signatures checked,
 * objects in memory) for the whole test run, started on first use; buckets "media" and "archive" exist.
 */
final class LoopbackS3 {
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret-never-shown";
    /** One master key for the run: every store on a bucket must share it, as every node would. */
    static final String MASTER_KEY = newMasterKey();
    private static S3Proxy server;

    private LoopbackS3() {
    }

    static synchronized URI endpoint() {
        if (server == null) {
            BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                    .overrides(new Properties()).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, "media");
            context.getBlobStore().createContainerInLocation(null, "archive");
            server = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            try {
                server.start();
                while (!AbstractLifeCycle.STARTED.equals(server.getState())) {
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        }
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    static Map<String, Object> config(String bucket) {
        Map<String, Object> config = new HashMap<>();
        config.put("endpoint", endpoint().toString());
        config.put("bucket", bucket);
        config.put("access_key", ACCESS_KEY);
        config.put("_secret_key", SECRET_KEY);
        config.put("multipart_part_size_mib", 5);
        config.put("_master_key", MASTER_KEY);
        return config;
    }

    static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static S3BlobStore store(Map<String, Object> config) {
        return new S3BlobStore(Configs.of(S3StoreConfig.class, config));
    }

    /** A client of its own, to look at the bucket behind the store's back. */
    static S3Client rawClient() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }
}
