package org.aisora.storage.support;

import javax.crypto.SecretKey;

/** One owner's AES-256 data key and the random id that blob headers carry to name it. */
public record DataKey(byte[] id, SecretKey key) {
    public static final int ID_LENGTH = 16;
    public static final int LENGTH = 32;
}
