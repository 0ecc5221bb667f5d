package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The encoding {@link EncryptingOutputStream} writes, pulled: the header, then each segment sealed as soon
 * as the plaintext after it is known (one byte is read ahead to tell the last segment). Holds one segment
 * of plaintext and one sealed segment, whatever the blob's size.
 */
final class EncryptingInputStream extends InputStream {
    private final InputStream plainIn;
    private final SegmentCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private final byte[] one = new byte[1];
    private byte[] out;
    private int position;
    private int limit;
    private long index;
    private boolean done;
    private int lookahead = -1;

    EncryptingInputStream(InputStream plainIn, BlobFormat.Header header, SegmentCipher cipher) {
        this.plainIn = plainIn;
        this.cipher = cipher;
        this.plain = new byte[header.segmentSize()];
        this.sealed = new byte[header.segmentSize() + BlobFormat.TAG_LENGTH];
        this.out = header.bytes();
        this.limit = out.length;
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
            if (done) {
                return -1;
            }
            nextSegment();
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(out, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        plainIn.close();
    }

    private void nextSegment() throws IOException {
        int n = 0;
        if (lookahead >= 0) {
            plain[n++] = (byte) lookahead;
            lookahead = -1;
        }
        n += plainIn.readNBytes(plain, n, plain.length - n);
        boolean last = n < plain.length;
        if (!last) {
            int next = plainIn.read();
            last = next < 0;
            lookahead = next;
        }
        if (index >= BlobFormat.MAX_SEGMENTS) {
            throw new IOException("blob too large for the encrypted format");
        }
        limit = cipher.seal(index, last, plain, n, sealed);
        out = sealed;
        position = 0;
        index++;
        done = last;
    }
}
