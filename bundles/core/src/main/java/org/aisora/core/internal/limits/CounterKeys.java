package org.aisora.core.internal.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys of shared counters: a prefix naming the limit, then the SHA-256 of what is counted. An e-mail or an
 * address is personal data; its digest is enough to count by, and fits the key column however long it is.
 */
public final class CounterKeys {
    private CounterKeys() {
    }

    public static String of(String prefix, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return prefix + ":" + HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
