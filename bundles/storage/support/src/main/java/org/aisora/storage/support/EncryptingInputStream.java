package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;

/**
 * The encoding {@link EncryptingOutputStream} writes, pulled: the header, then each segment sealed as soon
 * as the plaintext after it is known (one byte is read ahead to tell the last segment). Holds one segment
 * of plaintext and one sealed segment, whatever the blob's size.
 */
final class EncryptingInputStream extends SegmentedInputStream {
    private final SegmentCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private long index;

    EncryptingInputStream(InputStream plainIn, BlobFormat.Header header, SegmentCipher cipher) {
        super(plainIn);
        this.cipher = cipher;
        this.plain = new byte[header.segmentSize()];
        this.sealed = new byte[header.segmentSize() + BlobFormat.TAG_LENGTH];
        byte[] head = header.bytes();
        serve(head, head.length, false);
    }

    @Override
    void nextSegment() throws IOException {
        Segment segment = fill(plain);
        if (index >= BlobFormat.MAX_SEGMENTS) {
            throw new IOException("blob too large for the encrypted format");
        }
        int length = cipher.seal(index, segment.last(), plain, segment.length(), sealed);
        index++;
        serve(sealed, length, segment.last());
    }
}
