package org.aisora.storage.s3.internal;

import java.util.regex.Pattern;

/**
 * Checks a blob key against the SPI's grammar (the same rules as every store: {@code owner/...}, lower-case
 * letters, digits, '-', '.', '_', no empty, '.' or '..' segment) and maps it to the object key.
 */
final class ObjectKeys {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,255}");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*");

    private static final Pattern OWNER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,254}");

    private final String prefix;

    ObjectKeys(String configuredPrefix) {
        String p = configuredPrefix == null ? "" : configuredPrefix.trim();
        if (!p.isEmpty() && !p.endsWith("/")) {
            p += "/";
        }
        if (!PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("key.prefix must be path segments of letters, digits, '.', '_', '-', none starting with '.'");
        }
        this.prefix = p;
    }

    /** Whether an object key (less the prefix) is one this store could have written. */
    boolean isBlobKey(String key) {
        try {
            objectKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String objectKey(String key) {
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
        return prefix + key;
    }

    static String checkOwner(String owner) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("invalid owner id");
        }
        return owner;
    }

    String prefix() {
        return prefix;
    }
}
