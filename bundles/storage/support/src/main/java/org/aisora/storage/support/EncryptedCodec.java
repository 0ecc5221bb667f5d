package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encryption at rest: each blob sealed in segments under a key derived from its owner's data key (the
 * owner is the first segment of the blob's key, which the store has checked).
 */
public final class EncryptedCodec implements AtRestCodec {
    private final DataKeys keys;

    public EncryptedCodec(DataKeys keys) {
        this.keys = keys;
    }

    @Override
    public OutputStream encoding(String key, OutputStream disk) throws IOException {
        DataKey dataKey = keys.forWriting(owner(key));
        BlobFormat.Header header = BlobFormat.newHeader(dataKey.id());
        disk.write(header.bytes());
        return new EncryptingOutputStream(disk, new SegmentCipher(dataKey, header, key), header.segmentSize());
    }

    @Override
    public InputStream encoded(String key, InputStream plain) throws IOException {
        DataKey dataKey = keys.forWriting(owner(key));
        BlobFormat.Header header = BlobFormat.newHeader(dataKey.id());
        return new EncryptingInputStream(plain, header, new SegmentCipher(dataKey, header, key));
    }

    @Override
    public InputStream decoding(String key, InputStream disk) throws IOException {
        BlobFormat.Header header = BlobFormat.parse(disk.readNBytes(BlobFormat.HEADER_LENGTH));
        DataKey dataKey = keys.forReading(owner(key), header.keyId());
        return DecryptingInputStream.open(disk, new SegmentCipher(dataKey, header, key), header.segmentSize());
    }

    /** The size of the encoding of {@code plainSize} bytes: header, then each segment with its tag. */
    public static long encodedSize(long plainSize) {
        long segments = Math.max(1, (plainSize + BlobFormat.SEGMENT_SIZE - 1) / BlobFormat.SEGMENT_SIZE);
        return BlobFormat.HEADER_LENGTH + plainSize + segments * BlobFormat.TAG_LENGTH;
    }

    private static String owner(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a blob key starts with its owner: " + key);
        }
        return key.substring(0, slash);
    }
}
