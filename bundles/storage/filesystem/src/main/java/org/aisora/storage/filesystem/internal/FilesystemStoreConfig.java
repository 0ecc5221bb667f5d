package org.aisora.storage.filesystem.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the filesystem blob store (PID org.aisora.storage.filesystem); all optional. */
@ObjectClassDefinition(name = "AiSora filesystem storage", description = "Media blobs as files under one directory")
public @interface FilesystemStoreConfig {
    String PID = "org.aisora.storage.filesystem";
    String KARAF_DATA = "${karaf.data}";

    @AttributeDefinition(description = "Directory holding the blobs; " + KARAF_DATA
            + " stands for Karaf's data directory (system property karaf.data, else ./data)")
    String root() default KARAF_DATA + "/aisora/blobs";

    @AttributeDefinition(description = "Higher ranked stores are preferred when no default store is configured")
    int service_ranking() default 0;
}
