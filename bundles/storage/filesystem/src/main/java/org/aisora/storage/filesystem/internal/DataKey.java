package org.aisora.storage.filesystem.internal;

import javax.crypto.SecretKey;

/** One owner's AES-256 data key and the random id that blob headers carry to name it. */
record DataKey(byte[] id, SecretKey key) {
    static final int ID_LENGTH = 16;
    static final int LENGTH = 32;
}
