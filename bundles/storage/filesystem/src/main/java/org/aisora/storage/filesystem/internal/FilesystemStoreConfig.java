package org.aisora.storage.filesystem.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the filesystem blob store (PID org.aisora.storage.filesystem); all optional. */
@ObjectClassDefinition(name = "AiSora filesystem storage",
        description = "Media blobs as files under one directory, encrypted at rest with a data key per account")
public @interface FilesystemStoreConfig {
    String PID = "org.aisora.storage.filesystem";
    String KARAF_DATA = "${karaf.data}";
    String DEFAULT_MASTER_KEY_FILE = KARAF_DATA + "/aisora/master.key";

    @AttributeDefinition(description = "Id of this store (read at activation), e.g. to run a second filesystem "
            + "store beside the default one; items remember the id of the store that holds them")
    String store_id() default "filesystem";

    @AttributeDefinition(description = "Directory holding the blobs; " + KARAF_DATA
            + " stands for Karaf's data directory (system property karaf.data, else ./data)")
    String root() default KARAF_DATA + "/aisora/blobs";

    /**
     * Property {@code .master.key}: the leading dot keeps it a private component property, which DS does not
     * copy into the service registry (where {@code service:list} would show it).
     */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The master key that wraps every account's"
            + " data key: base64 of 32 random bytes (openssl rand -base64 32). When empty, one is generated once into"
            + " master.key.file and health stays DEGRADED until a key is configured here")
    String _master_key() default "";

    @AttributeDefinition(description = "Where the generated master key is kept while .master.key is empty; "
            + KARAF_DATA + " as for root, but outside Karaf (no karaf.data property) the file is <root>/.master.key")
    String master_key_file() default DEFAULT_MASTER_KEY_FILE;

    @AttributeDefinition(description = "Higher ranked stores are preferred when no default store is configured")
    int service_ranking() default 0;
}
