package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads sealed segments one at a time and hands out only authenticated plaintext. A segment is the last
 * one when the file ends right after it, which is why one byte is read ahead: a file cut at a segment
 * boundary or with bytes appended then fails, because the last flag is authenticated.
 */
final class DecryptingInputStream extends InputStream {
    private final InputStream disk;
    private final SegmentCipher cipher;
    private final byte[] sealed;
    private final byte[] plain;
    private final byte[] one = new byte[1];
    private int position;
    private int limit;
    private long index;
    private boolean last;
    private int lookahead = -1;

    private DecryptingInputStream(InputStream disk, SegmentCipher cipher, int segmentSize) {
        this.disk = disk;
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
    public int read() throws IOException {
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (last) {
                return -1;
            }
            nextSegment();
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(plain, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        disk.close();
    }

    private void nextSegment() throws IOException {
        int n = 0;
        if (lookahead >= 0) {
            sealed[n++] = (byte) lookahead;
            lookahead = -1;
        }
        n += disk.readNBytes(sealed, n, sealed.length - n);
        boolean isLast = n < sealed.length;
        if (!isLast) {
            int next = disk.read();
            isLast = next < 0;
            lookahead = next;
        }
        if (n < BlobFormat.TAG_LENGTH) {
            throw new IOException("the encrypted blob is truncated");
        }
        if (index >= BlobFormat.MAX_SEGMENTS) {
            throw new IOException("the encrypted blob has too many segments");
        }
        limit = cipher.open(index, isLast, sealed, n, plain);
        position = 0;
        index++;
        last = isLast;
    }
}
