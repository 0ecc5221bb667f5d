package org.aisora.storage.contract;

import java.io.IOException;
import java.io.InputStream;

/** {@code size} bytes of a repeatable, not trivially compressible pattern, without holding them in memory. */
public class PatternStream extends InputStream {
    private final long size;
    private long position;

    public PatternStream(long size) {
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            buffer[offset + i] = (byte) ((p * 31 + (p >>> 11) * 7 + (p >>> 19)) ^ (p >>> 5));
        }
        position += n;
        return n;
    }
}
