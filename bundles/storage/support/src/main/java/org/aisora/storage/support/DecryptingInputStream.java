package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads sealed segments one at a time and hands out only authenticated plaintext. A segment is the last
 * one when the file ends right after it, which is why one byte is read ahead: a file cut at a segment
 * boundary or with bytes appended then fails, because the last flag is authenticated.
 */
final class DecryptingInputStream extends SegmentedInputStream {
    private final SegmentCipher cipher;
    private final byte[] sealed;
    private final byte[] plain;
    private long index;

    private DecryptingInputStream(InputStream disk, SegmentCipher cipher, int segmentSize) {
        super(disk);
        this.cipher = cipher;
        this.sealed = new byte[segmentSize + BlobFormat.TAG_LENGTH];
        this.plain = new byte[segmentSize];
    }

    /** Opens the first segment at once, so a blob that cannot be decrypted fails before anything is served. */
    static InputStream open(InputStream disk, SegmentCipher cipher, int segmentSize) throws IOException {
        DecryptingInputStream in = new DecryptingInputStream(disk, cipher, segmentSize);
        in.nextSegment();
        return in;
    }

    @Override
    void nextSegment() throws IOException {
        Segment segment = fill(sealed);
        if (segment.length() < BlobFormat.TAG_LENGTH) {
            throw new IOException("the encrypted blob is truncated");
        }
        if (index >= BlobFormat.MAX_SEGMENTS) {
            throw new IOException("the encrypted blob has too many segments");
        }
        int length = cipher.open(index, segment.last(), sealed, segment.length(), plain);
        index++;
        serve(plain, length, segment.last());
    }
}
