package org.aisora.rest.internal.http;

import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;

/**
 * A request body that stops at its route's limit. Past the limit every read fails (and the guard
 * answers 413 {@code body_too_large}); once the answer is decided, {@link #abandon()} makes every further read
 * an end of stream, so nothing downstream (CXF drains or caches unread input before it writes a
 * response) reads or spools the rest of a body nobody wants.
 */
final class CappedInputStream extends ServletInputStream {
    /** The failure of a read past the limit; an IOException so readers treat it as a broken body. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private final ServletInputStream in;
    private final long limit;
    private long count;
    private volatile boolean tripped;
    private volatile boolean abandoned;
    private volatile boolean finished;

    CappedInputStream(ServletInputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        if (abandoned) {
            return -1;
        }
        failIfTripped();
        int b = in.read();
        if (b < 0) {
            finished = true;
            return b;
        }
        counted(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (abandoned) {
            return -1;
        }
        failIfTripped();
        if (length == 0) {
            return 0;
        }
        // never ask for more than one byte past the limit, so a huge read cannot overshoot it
        long room = limit - count;
        int ask = room >= length ? length : (int) Math.max(1, room + 1);
        int n = in.read(buffer, offset, ask);
        if (n < 0) {
            finished = true;
            return n;
        }
        counted(n);
        return n;
    }

    private void counted(int n) throws IOException {
        count += n;
        if (count > limit) {
            tripped = true;
            throw new BodyTooLargeException(limit);
        }
    }

    /** A reader that swallowed the first failure must not take what follows for the end of a whole body. */
    private void failIfTripped() throws IOException {
        if (tripped) {
            throw new BodyTooLargeException(limit);
        }
    }

    /** The rest of the body is not wanted: every further read ends the stream at once. */
    void abandon() {
        abandoned = true;
    }

    /** True once a read went past the limit. */
    boolean tripped() {
        return tripped;
    }

    /** True once the client's body was read to its end. */
    @Override
    public boolean isFinished() {
        return finished || abandoned;
    }

    boolean readToEnd() {
        return finished;
    }

    long limit() {
        return limit;
    }

    @Override
    public boolean isReady() {
        return abandoned || in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
        return abandoned ? 0 : in.available();
    }
}
