package org.aisora.storage.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The codec pushed (files) and pulled (uploads) writes one format: each side reads what the other wrote. */
class EncryptedCodecTest {
    private static final int SEGMENT = BlobFormat.SEGMENT_SIZE;
    private static final String KEY = "0b7e6f1c-8a1f-4c52-9d3e-5f0a2b1c4d5e/gen/1.png";

    private final DataKey dataKey = newKey();
    private final DataKeys keys = new DataKeys() {
        @Override
        public DataKey forWriting(String owner) {
            return dataKey;
        }

        @Override
        public DataKey forReading(String owner, byte[] keyId) throws IOException {
            if (!MessageDigest.isEqual(keyId, dataKey.id())) {
                throw new IOException("no such key");
            }
            return dataKey;
        }
    };
    private final EncryptedCodec codec = new EncryptedCodec(keys);

    @Test
    void pulledAndPushedEncodingsHaveTheSameSizeAndReadBackEitherWay() throws IOException {
        for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 17}) {
            byte[] plain = random(size);
            byte[] pulled = readInOddChunks(codec.encoded(KEY, new ByteArrayInputStream(plain)));
            ByteArrayOutputStream pushed = new ByteArrayOutputStream();
            try (OutputStream out = codec.encoding(KEY, pushed)) {
                out.write(plain);
            }
            assertEquals(EncryptedCodec.encodedSize(size), pulled.length, "size " + size);
            assertEquals(EncryptedCodec.encodedSize(size), pushed.size(), "size " + size);
            assertArrayEquals(plain, decode(pulled), "size " + size);
            assertArrayEquals(plain, decode(pushed.toByteArray()), "size " + size);
        }
    }

    @Test
    void aPulledEncodingIsAuthenticatedLikeAPushedOne() throws IOException {
        byte[] sealed = readInOddChunks(codec.encoded(KEY, new ByteArrayInputStream(random(2 * SEGMENT + 5))));
        byte[] flipped = sealed.clone();
        flipped[BlobFormat.HEADER_LENGTH + SEGMENT + 3] ^= 1;
        assertThrows(IOException.class, () -> decode(flipped));
        byte[] cut = java.util.Arrays.copyOf(sealed, BlobFormat.HEADER_LENGTH + 2 * (SEGMENT + BlobFormat.TAG_LENGTH));
        assertThrows(IOException.class, () -> decode(cut), "cut at a segment boundary");
        IOException moved = assertThrows(IOException.class, () -> codec.decoding(KEY.replace("1.png", "2.png"),
                new ByteArrayInputStream(sealed)).readAllBytes());
        assertTrue(moved.getMessage().contains("failed authentication"), moved.getMessage());
    }

    @Test
    void readingAheadHoldsOneSegmentNotTheBlob() throws IOException {
        long size = 50L * SEGMENT;
        long[] pulledFromSource = {0};
        InputStream source = new InputStream() {
            @Override
            public int read() {
                return pulledFromSource[0]++ < size ? 7 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, size - pulledFromSource[0]);
                if (n <= 0) {
                    return -1;
                }
                pulledFromSource[0] += n;
                return n;
            }
        };
        InputStream encoded = codec.encoded(KEY, source);
        encoded.readNBytes(BlobFormat.HEADER_LENGTH + 10);
        assertTrue(pulledFromSource[0] <= SEGMENT + 1, "read ahead " + pulledFromSource[0]);
    }

    private byte[] decode(byte[] sealed) throws IOException {
        try (InputStream in = codec.decoding(KEY, new ByteArrayInputStream(sealed))) {
            return in.readAllBytes();
        }
    }

    private static byte[] readInOddChunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        for (int n; (n = in.read(buffer, 0, 1 + out.size() % buffer.length)) != -1; ) {
            out.write(buffer, 0, n);
        }
        in.close();
        return out.toByteArray();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static DataKey newKey() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[DataKey.ID_LENGTH];
        byte[] key = new byte[DataKey.LENGTH];
        random.nextBytes(id);
        random.nextBytes(key);
        return new DataKey(id, new SecretKeySpec(key, "AES"));
    }
}
