package org.aisora.core.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.aisora.core.internal.security.Tokens;

/** Codes that verify a new e-mail address: 256 random bits, mailed once, only their SHA-256 kept. */
final class EmailChangeCodes {
    static final int CODE_BYTES = 32;
    /** Longer input is not a code of ours and is not hashed. */
    static final int MAX_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmailChangeCodes() {
    }

    static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String code) {
        return Tokens.sha256Hex(code);
    }

    /** Compares two hex hashes in time independent of where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
