package org.aisora.storage.support;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes plaintext as sealed segments, holding one segment at a time. A full segment is sealed only when
 * more bytes arrive, because until then it may be the last one; {@link #close()} seals the last segment.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream disk;
    private final SegmentCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private final byte[] one = new byte[1];
    private int filled;
    private long index;
    private boolean closed;

    EncryptingOutputStream(OutputStream disk, SegmentCipher cipher, int segmentSize) {
        this.disk = disk;
        this.cipher = cipher;
        this.plain = new byte[segmentSize];
        this.sealed = new byte[segmentSize + BlobFormat.TAG_LENGTH];
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        while (length > 0) {
            if (filled == plain.length) {
                seal(false);
            }
            int n = Math.min(length, plain.length - filled);
            System.arraycopy(bytes, offset, plain, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Flushes what is sealed; the open segment stays in memory until it is full or the stream is closed. */
    @Override
    public void flush() throws IOException {
        disk.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (disk) {
            seal(true);
        }
    }

    private void seal(boolean last) throws IOException {
        if (index >= BlobFormat.MAX_SEGMENTS) {
            throw new IOException("blob too large for the encrypted format");
        }
        int n = cipher.seal(index, last, plain, filled, sealed);
        disk.write(sealed, 0, n);
        index++;
        filled = 0;
    }
}
