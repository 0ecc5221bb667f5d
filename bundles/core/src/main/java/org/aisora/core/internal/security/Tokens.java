package org.aisora.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Bearer tokens: 256 random bits, shown once; only their SHA-256 is stored. */
public final class Tokens {
    public static final int TOKEN_BYTES = 32;
    /** Named API tokens start with this, so a bearer is looked up in one table only. */
    public static final String API_PREFIX = "asp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        return "as_" + randomPart();
    }

    public static String newApiToken() {
        return API_PREFIX + randomPart();
    }

    public static boolean isApiToken(String bearer) {
        return bearer.startsWith(API_PREFIX);
    }

    private static String randomPart() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
