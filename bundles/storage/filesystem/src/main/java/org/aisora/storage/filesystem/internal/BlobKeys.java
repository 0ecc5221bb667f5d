package org.aisora.storage.filesystem.internal;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns a key into a path under the root, or refuses it. Keys come from the core, but a store that trusts
 * them blindly is one bug away from writing outside its directory, so the check is strict and explicit.
 */
final class BlobKeys {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,255}");

    private BlobKeys() {
    }

    static Path resolve(Path root, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid blob key");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid blob key segment in " + key);
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("blob key leaves the store root: " + key);
        }
        return path;
    }
}
