package org.aisora.core.internal.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Counts what is read and refuses the body the moment it passes the cap. It never asks the source
 * for more than one byte past the cap, so a 1 GB body costs at most maxBytes + 1 bytes of reading.
 * Extends InputStream rather than FilterInputStream so skip and transferTo cannot bypass the count.
 */
final class LimitedInputStream extends InputStream {
    private final InputStream source;
    private final long maxBytes;
    private long count;

    LimitedInputStream(InputStream source, long maxBytes) {
        this.source = Objects.requireNonNull(source, "source");
        this.maxBytes = maxBytes;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = source.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        // one byte past the cap is all it takes to know the body is too large
        int wanted = (int) Math.min(length, maxBytes - count + 1);
        int n = source.read(buffer, offset, wanted);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        count += n;
        if (count > maxBytes) {
            throw UploadRefusals.tooLarge(maxBytes);
        }
    }
}
