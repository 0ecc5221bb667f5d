package org.aisora.storage.support;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the segments of one blob.
 * <ul>
 * <li>blob key = HKDF-SHA256-Expand(data key, "aisora blob v1" | salt), 32 bytes: a fresh AES key per blob, so
 * counter nonces never repeat under a key and an owner can store any number of blobs;</li>
 * <li>nonce(i) = nonce prefix (7) | i (u32) | last (1);</li>
 * <li>associated data(i) = header (64) | i (u32) | last (1) | the blob's key (UTF-8).</li>
 * </ul>
 * So a segment moved, dropped, duplicated or appended, a header edited, or a whole file put under another
 * key fails the tag check.
 */
final class SegmentCipher {
    private static final byte[] LABEL = "aisora blob v1".getBytes(US_ASCII);

    private final Cipher cipher;
    private final SecretKey blobKey;
    private final byte[] noncePrefix;
    private final byte[] aad;
    private final int positionAt;

    SegmentCipher(DataKey dataKey, BlobFormat.Header header, String key) throws IOException {
        byte[] name = key.getBytes(UTF_8);
        this.noncePrefix = header.noncePrefix();
        this.positionAt = header.bytes().length;
        this.aad = ByteBuffer.allocate(positionAt + 5 + name.length).put(header.bytes()).position(positionAt + 5)
                .put(name).array();
        try {
            this.blobKey = derive(dataKey.key(), header.salt());
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available", e);
        }
    }

    /** @return the number of bytes written to {@code out}: {@code length} plus the tag */
    int seal(long index, boolean last, byte[] plain, int length, byte[] out) throws IOException {
        try {
            start(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(plain, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt a blob segment", e);
        }
    }

    /** @return the number of plaintext bytes written to {@code out} */
    int open(long index, boolean last, byte[] sealed, int length, byte[] out) throws IOException {
        try {
            start(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(sealed, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw new IOException("the encrypted blob is damaged, truncated, reordered or not under this key"
                    + " (segment " + index + " failed authentication)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt a blob segment", e);
        }
    }

    private void start(int mode, long index, boolean last) throws GeneralSecurityException {
        byte[] nonce = Arrays.copyOf(noncePrefix, 12);
        ByteBuffer.wrap(nonce, BlobFormat.NONCE_PREFIX_LENGTH, 5).putInt((int) index).put(last ? (byte) 1 : 0);
        ByteBuffer.wrap(aad, positionAt, 5).putInt((int) index).put(last ? (byte) 1 : 0);
        cipher.init(mode, blobKey, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
    }

    /** HKDF-Expand (RFC 5869) with the data key as the pseudorandom key: it is uniformly random already. */
    private static SecretKey derive(SecretKey dataKey, byte[] salt) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(dataKey);
        hmac.update(LABEL);
        hmac.update(salt);
        byte[] okm = hmac.doFinal(new byte[] {1});
        try {
            return new SecretKeySpec(okm, "AES");
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }
}
