package org.aisora.storage.filesystem.internal;

import org.aisora.api.testing.Configs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Filesystem stores for tests: blobs under {@code dir/blobs}, the generated master key (if any) in {@code dir}. */
final class Stores {
    private Stores() {
    }

    static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static FilesystemBlobStore at(Path dir, String masterKey) {
        return of(dir.resolve("blobs").toString(), masterKey, dir.resolve("master.key"));
    }

    static FilesystemBlobStore of(String root, String masterKey, Path masterKeyFile) {
        Map<String, Object> config = new HashMap<>();
        config.put("root", root);
        config.put("_master_key", masterKey);
        config.put("master_key_file", masterKeyFile.toString());
        return new FilesystemBlobStore(Configs.of(FilesystemStoreConfig.class, config));
    }
}
