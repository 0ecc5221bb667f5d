package org.aisora.storage.filesystem.internal;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns a key into a path under the root, or refuses it. Keys come from the core, but a store that trusts
 * them blindly is one bug away from writing outside its directory, so the check is strict and explicit.
 * A key is {@code owner/...}: its first segment names the account whose data key encrypts it.
 */
final class BlobKeys {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,255}");
    private static final Pattern OWNER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,254}");

    private BlobKeys() {
    }

    static Path resolve(Path root, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid blob key");
        }
        String[] segments = key.split("/", -1);
        if (segments.length < 2) {
            throw new IllegalArgumentException("a blob key starts with its owner: " + key);
        }
        for (String segment : segments) {
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

    /** The owner of a key {@link #resolve} accepted. */
    static String owner(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    static String checkOwner(String owner) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("invalid owner id");
        }
        return owner;
    }
}
