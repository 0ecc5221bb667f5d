package org.aisora.storage.filesystem.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Encryption at rest: each blob sealed in segments under a key derived from its owner's data key. */
final class EncryptedCodec implements AtRestCodec {
    private final OwnerKeys keys;

    EncryptedCodec(OwnerKeys keys) {
        this.keys = keys;
    }

    @Override
    public OutputStream encoding(String key, OutputStream disk) throws IOException {
        DataKey dataKey = keys.forWriting(BlobKeys.owner(key));
        BlobFormat.Header header = BlobFormat.newHeader(dataKey.id());
        disk.write(header.bytes());
        return new EncryptingOutputStream(disk, new SegmentCipher(dataKey, header, key), header.segmentSize());
    }

    @Override
    public InputStream decoding(String key, InputStream disk) throws IOException {
        BlobFormat.Header header = BlobFormat.parse(disk.readNBytes(BlobFormat.HEADER_LENGTH));
        DataKey dataKey = keys.forReading(BlobKeys.owner(key), header.keyId());
        return DecryptingInputStream.open(disk, new SegmentCipher(dataKey, header, key), header.segmentSize());
    }
}
