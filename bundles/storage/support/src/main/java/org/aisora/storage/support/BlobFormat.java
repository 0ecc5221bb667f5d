package org.aisora.storage.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The layout of an encrypted blob, format 1 (all integers big-endian).
 * <pre>
 * header (64 bytes): magic "AISE" | version 1 | segment size (u32, plaintext bytes per segment)
 *                    | data key id (16) | salt (32) | nonce prefix (7)
 * segments:          AES-256-GCM ciphertext + 16-byte tag each; every segment but the last carries exactly
 *                    segment size plaintext bytes, the last 0 to segment size (an empty blob is one empty
 *                    last segment)
 * </pre>
 * See {@link SegmentCipher} for the per-blob key, the nonces and the associated data.
 */
public final class BlobFormat {
    public static final int HEADER_LENGTH = 64;
    public static final int TAG_LENGTH = 16;
    public static final int SEGMENT_SIZE = 64 * 1024;
    static final int SALT_LENGTH = 32;
    static final int NONCE_PREFIX_LENGTH = 7;
    /** The nonce has four bytes for the segment index. */
    static final long MAX_SEGMENTS = 1L << 32;
    private static final byte[] MAGIC = {'A', 'I', 'S', 'E'};
    private static final byte VERSION = 1;
    /** Bounds what a damaged header can make a reader allocate. */
    private static final int MIN_SEGMENT_SIZE = 1024;
    private static final int MAX_SEGMENT_SIZE = 8 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobFormat() {
    }

    static Header newHeader(byte[] keyId) {
        byte[] salt = new byte[SALT_LENGTH];
        byte[] prefix = new byte[NONCE_PREFIX_LENGTH];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        byte[] bytes = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).put(VERSION).putInt(SEGMENT_SIZE)
                .put(keyId).put(salt).put(prefix).array();
        return new Header(bytes, SEGMENT_SIZE, keyId.clone(), salt, prefix);
    }

    static Header parse(byte[] bytes) throws IOException {
        if (bytes.length < HEADER_LENGTH) {
            throw new IOException("the blob is truncated: no complete header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an encrypted blob");
        }
        if (in.get() != VERSION) {
            throw new IOException("unknown encrypted blob format version");
        }
        int segmentSize = in.getInt();
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IOException("the blob header is damaged");
        }
        byte[] keyId = new byte[DataKey.ID_LENGTH];
        byte[] salt = new byte[SALT_LENGTH];
        byte[] prefix = new byte[NONCE_PREFIX_LENGTH];
        in.get(keyId).get(salt).get(prefix);
        return new Header(bytes.clone(), segmentSize, keyId, salt, prefix);
    }

    record Header(byte[] bytes, int segmentSize, byte[] keyId, byte[] salt, byte[] noncePrefix) {
    }
}
