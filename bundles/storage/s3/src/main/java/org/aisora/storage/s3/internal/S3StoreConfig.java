package org.aisora.storage.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One bucket of an S3-compatible service (AWS S3, MinIO, Ceph RGW, Garage, ...): factory PID
 * {@code org.aisora.storage.s3}, so {@code etc/org.aisora.storage.s3-<name>.cfg} adds a store per file.
 */
@ObjectClassDefinition(name = "AiSora S3 storage", description = "Media blobs as objects in a bucket of any"
        + " S3-compatible service, encrypted before upload with a data key per account")
public @interface S3StoreConfig {
    String PID = "org.aisora.storage.s3";
    String KARAF_DATA = "${karaf.data}";
    String DEFAULT_MASTER_KEY_FILE = KARAF_DATA + "/aisora/s3-master.key";

    @AttributeDefinition(description = "The id media rows record and the core routes by (storage.default): give each"
            + " bucket its own, e.g. s3-archive")
    String store_id() default "s3";

    @AttributeDefinition(description = "Service URL, e.g. http://127.0.0.1:9000 for MinIO; empty for AWS S3 itself")
    String endpoint() default "";

    @AttributeDefinition(description = "Signing region; most S3-compatible services accept us-east-1")
    String region() default "us-east-1";

    @AttributeDefinition(description = "The bucket; it must exist (the store never creates one)")
    String bucket();

    @AttributeDefinition(description = "Access key id")
    String access_key();

    /** Property {@code .secret.key}: the leading dot keeps it out of the service registry (service:list). */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Secret access key")
    String _secret_key();

    @AttributeDefinition(description = "Path-style URLs (endpoint/bucket/key), which most S3-compatible services need;"
            + " false for virtual-hosted style (bucket.endpoint/key)")
    boolean path_style_access() default true;

    @AttributeDefinition(description = "Prepended to every object key, e.g. aisora/ to share a bucket")
    String key_prefix() default "";

    /** Property {@code .master.key}: the leading dot keeps it out of the service registry (service:list). */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The master key that wraps every account's"
            + " data key (the wrapped keys live in the bucket under <key.prefix>.keys/): base64 of 32 random bytes"
            + " (openssl rand -base64 32), the same on every node. When empty, one is generated once into"
            + " master.key.file and health stays DEGRADED until a key is configured here")
    String _master_key() default "";

    @AttributeDefinition(description = "Where the generated master key is kept while .master.key is empty; "
            + KARAF_DATA + " stands for Karaf's data directory (system property karaf.data, else ./data)")
    String master_key_file() default DEFAULT_MASTER_KEY_FILE;

    @AttributeDefinition(description = "Bodies larger than this many MiB go up as multipart uploads in parts of this"
            + " size, so a put holds at most one part in memory (S3 needs at least 5)")
    int multipart_part_size_mib() default 8;

    @AttributeDefinition(description = "Higher ranked stores are preferred when no default store is configured")
    int service_ranking() default 0;
}
