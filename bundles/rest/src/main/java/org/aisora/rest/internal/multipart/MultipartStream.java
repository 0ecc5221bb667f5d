package org.aisora.rest.internal.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The low level of a multipart body: one fixed buffer of {@code bufferSize} plus the delimiter over
 * the request stream, the parts' header blocks and their data up to the next delimiter
 * ({@code CRLF--boundary}). Never reads more than the buffer holds ahead of what it has handed out.
 *
 * <p>Any occurrence of the delimiter ends a part's data (RFC 2046 forbids it inside a part); it must be
 * followed by {@code --} (the close delimiter) or by optional spaces and CRLF (another part). The first
 * delimiter is matched as if the body began with CRLF, so a body starting with {@code --boundary} has an
 * empty preamble. Not thread-safe.
 */
final class MultipartStream {
    private static final int MAX_PADDING = 256;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int head;
    private int tail;
    private boolean inputEnded;

    /** {@code [head, safeEnd)} is data of the current part. */
    private int safeEnd;
    /** The delimiter starts at {@code safeEnd}. */
    private boolean delimiterFound;
    private boolean partEnded;
    private boolean closed;
    private RuntimeException failure;

    MultipartStream(InputStream in, byte[] boundary, int bufferSize) {
        this.in = in;
        this.delimiter = new byte[boundary.length + 4];
        delimiter[0] = '\r';
        delimiter[1] = '\n';
        delimiter[2] = '-';
        delimiter[3] = '-';
        System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
        this.buf = new byte[Math.max(bufferSize, 1) + delimiter.length];
        buf[0] = '\r';
        buf[1] = '\n';
        tail = 2;
        startData(); // the preamble
    }

    /** Whether the last delimiter was the close delimiter: no part follows. */
    boolean closed() {
        return closed;
    }

    /** Whether the current part's data (or the preamble) has been read to its delimiter. */
    boolean partEnded() {
        return partEnded;
    }

    /**
     * Reads the next part's header block; the current part must have ended and not with the close
     * delimiter. Positions the stream at the part's data.
     *
     * @return the header lines each ended by CRLF, without the empty line that ends the block
     */
    byte[] readHeaders(int maxBytes) throws IOException {
        if (!partEnded || closed) {
            throw new IllegalStateException("not at the start of a part");
        }
        ByteArrayOutputStream block = new ByteArrayOutputStream(256);
        int lineLength = 0;
        while (true) {
            int b = readByte();
            if (b < 0) {
                throw fail(MultipartErrors.truncated());
            }
            if (b == '\r') {
                int next = readByte();
                if (next != '\n') {
                    throw fail(next < 0 ? MultipartErrors.truncated()
                            : MultipartErrors.malformed("a part header line does not end with CRLF"));
                }
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
                block.write('\r');
                block.write('\n');
            } else {
                lineLength++;
                block.write(b);
            }
            if (block.size() + 2 > maxBytes) {
                throw fail(MultipartErrors.malformed("a part's headers exceed " + maxBytes + " bytes"));
            }
        }
        startData();
        return block.toByteArray();
    }

    /**
     * Reads data of the current part; -1 once the delimiter is reached and checked.
     *
     * @throws org.aisora.api.error.AisoraException malformed_multipart when the body ends before the
     *                                              delimiter or the delimiter line is invalid
     */
    int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (partEnded) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (head == safeEnd && !delimiterFound) {
            scan();
            if (head < safeEnd || delimiterFound) {
                break;
            }
            if (inputEnded) {
                throw fail(MultipartErrors.truncated());
            }
            fill();
        }
        if (head == safeEnd) {
            endPart();
            return -1;
        }
        int n = Math.min(len, safeEnd - head);
        System.arraycopy(buf, head, b, off, n);
        head += n;
        return n;
    }

    /** Bytes of the current part that can be read without blocking. */
    int available() {
        return failure != null || partEnded ? 0 : safeEnd - head;
    }

    /** Reads and drops the rest of the current part, refusing it past {@code max} bytes. */
    long skipPart(long max, String what) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, max + 1))];
        long total = 0;
        int n;
        while ((n = read(scratch, 0, scratch.length)) >= 0) {
            total += n;
            if (total > max) {
                throw fail(MultipartErrors.malformed(what + " exceeds " + max + " bytes"));
            }
        }
        return total;
    }

    private void startData() {
        safeEnd = head;
        delimiterFound = false;
        partEnded = false;
    }

    /** Advances {@code safeEnd} over data that cannot start a delimiter, or finds the delimiter. */
    private void scan() {
        int last = tail - delimiter.length;
        byte first = delimiter[0];
        for (int p = safeEnd; p <= last; p++) {
            if (buf[p] == first && matchesAt(p)) {
                safeEnd = p;
                delimiterFound = true;
                return;
            }
        }
        safeEnd = Math.max(safeEnd, last + 1);
    }

    private boolean matchesAt(int p) {
        for (int i = 1; i < delimiter.length; i++) {
            if (buf[p + i] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the delimiter at {@code head} and the rest of its line. */
    private void endPart() throws IOException {
        head += delimiter.length;
        int b = readByte();
        if (b == '-') {
            int second = readByte();
            if (second != '-') {
                throw fail(second < 0 ? MultipartErrors.truncated()
                        : MultipartErrors.malformed("a boundary is followed by a single '-'"));
            }
            closed = true; // the epilogue is never read
        } else {
            int padding = 0;
            while (b == ' ' || b == '\t') {
                if (++padding > MAX_PADDING) {
                    throw fail(MultipartErrors.malformed("a boundary line is padded with too much whitespace"));
                }
                b = readByte();
            }
            if (b < 0) {
                throw fail(MultipartErrors.truncated());
            }
            int next = b == '\r' ? readByte() : b;
            if (next < 0) {
                throw fail(MultipartErrors.truncated());
            }
            if (b != '\r' || next != '\n') {
                throw fail(MultipartErrors.malformed("a boundary is not followed by CRLF or --"));
            }
        }
        partEnded = true;
    }

    private int readByte() throws IOException {
        while (head == tail) {
            if (inputEnded) {
                return -1;
            }
            fill();
        }
        return buf[head++] & 0xff;
    }

    /** Moves the unread bytes to the front and reads once into the free space. */
    private void fill() throws IOException {
        if (head > 0) {
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            safeEnd -= head;
            head = 0;
        }
        if (tail == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, tail, buf.length - tail);
        if (n < 0) {
            inputEnded = true;
        } else {
            tail += n;
        }
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        return e;
    }

    @Override
    public String toString() {
        return "MultipartStream[" + new String(delimiter, 4, delimiter.length - 4, StandardCharsets.US_ASCII) + "]";
    }
}
