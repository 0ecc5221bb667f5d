package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What the encrypting and the decrypting streams share: they read their source one segment at a time,
 * one byte ahead so the last segment is known as such, transform it, and serve the result from a buffer.
 */
abstract class SegmentedInputStream extends InputStream {
    private final InputStream source;
    private final byte[] one = new byte[1];
    private byte[] out;
    private int position;
    private int limit;
    private boolean served;
    private int lookahead = -1;

    SegmentedInputStream(InputStream source) {
        this.source = source;
    }

    /** Reads the next segment into {@code buffer} and makes its result the bytes served next. */
    abstract void nextSegment() throws IOException;

    /** Fills {@code buffer} from the source. @return the bytes read, and whether the source ends after them */
    final Segment fill(byte[] buffer) throws IOException {
        int n = 0;
        if (lookahead >= 0) {
            buffer[n++] = (byte) lookahead;
            lookahead = -1;
        }
        n += source.readNBytes(buffer, n, buffer.length - n);
        boolean last = n < buffer.length;
        if (!last) {
            int next = source.read();
            last = next < 0;
            lookahead = next;
        }
        return new Segment(n, last);
    }

    /** The bytes served next; after {@code lastOne}, the stream ends once they are read. */
    final void serve(byte[] bytes, int length, boolean lastOne) {
        out = bytes;
        position = 0;
        limit = length;
        served = lastOne;
    }

    @Override
    public final int read() throws IOException {
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (served) {
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
    public final int available() {
        return limit - position;
    }

    @Override
    public final void close() throws IOException {
        source.close();
    }

    record Segment(int length, boolean last) {
    }
}
