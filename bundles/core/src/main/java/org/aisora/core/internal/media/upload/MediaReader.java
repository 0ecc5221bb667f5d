package org.aisora.core.internal.media.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sequential big/little-endian reads for header parsing. Running out of bytes mid-structure is a
 * truncated file, so it becomes {@code malformed_media} rather than an EOFException. Skips read
 * through one fixed scratch buffer: a box or segment length never makes it allocate anything.
 */
final class MediaReader {
    private final InputStream in;
    private final byte[] scratch = new byte[8192];
    private long position;

    MediaReader(InputStream in) {
        this.in = in;
    }

    long position() {
        return position;
    }

    /** The next byte, or -1 at a clean end of the file (where a structure may legitimately stop). */
    int optionalU8() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    int u8() throws IOException {
        int b = optionalU8();
        if (b < 0) {
            throw UploadRefusals.malformed("it ends in the middle of a header (truncated)");
        }
        return b;
    }

    int u16be() throws IOException {
        return u8() << 8 | u8();
    }

    int u16le() throws IOException {
        return u8() | u8() << 8;
    }

    int u24le() throws IOException {
        return u16le() | u8() << 16;
    }

    long u32be() throws IOException {
        return (long) u16be() << 16 | u16be();
    }

    long u32le() throws IOException {
        return u16le() | (long) u16le() << 16;
    }

    long u64be() throws IOException {
        return u32be() << 32 | u32be();
    }

    /** Only for small fixed fields (tags, brands, signatures): the caller bounds {@code n}. */
    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u8();
        }
        return out;
    }

    /** Reads past {@code n} bytes; fewer being left is a truncated file. */
    void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (got < 0) {
                throw UploadRefusals.malformed("a declared length runs past the end of the file (truncated)");
            }
            left -= got;
            position += got;
        }
    }

    /** Reads to the end of the file, for a structure declared to run to the end. */
    void skipToEnd() throws IOException {
        int got;
        while ((got = in.read(scratch, 0, scratch.length)) >= 0) {
            position += got;
        }
    }
}
