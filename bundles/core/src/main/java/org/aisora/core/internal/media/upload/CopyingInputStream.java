package org.aisora.core.internal.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies every byte it reads to the sink, so header parsing that runs past the look-ahead (a JPEG
 * with large APP segments, a walk over MP4 boxes) still spools the body exactly once and in order.
 * The look-ahead is written only when reading first goes past it, or on {@link #drain()}: a file
 * refused from its first bytes never reaches the sink at all.
 */
final class CopyingInputStream extends InputStream {
    private final InputStream source;
    private final OutputStream sink;
    private byte[] head;
    private final int headLength;

    CopyingInputStream(InputStream source, OutputStream sink, byte[] head, int headLength) {
        this.source = source;
        this.sink = sink;
        this.head = head;
        this.headLength = headLength;
    }

    @Override
    public int read() throws IOException {
        writeHead();
        int b = source.read();
        if (b >= 0) {
            sink.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        writeHead();
        int n = source.read(buffer, offset, length);
        if (n > 0) {
            sink.write(buffer, offset, n);
        }
        return n;
    }

    /** Copies the rest of the body, whatever the parsers did not need to look at. */
    void drain() throws IOException {
        writeHead();
        source.transferTo(sink);
    }

    private void writeHead() throws IOException {
        if (head != null) {
            sink.write(head, 0, headLength);
            head = null;
        }
    }
}
