package org.aisora.rest.internal.multipart;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart bodies byte by byte, and streams that deliver or count them. */
final class MultipartBodies {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary;

    MultipartBodies(String boundary) {
        this.boundary = boundary;
    }

    MultipartBodies raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBodies raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** A delimiter line (with the CRLF that precedes it unless it is the first), then the headers. */
    MultipartBodies part(String... headers) {
        raw((out.size() == 0 ? "" : "\r\n") + "--" + boundary + "\r\n");
        for (String h : headers) {
            raw(h + "\r\n");
        }
        return raw("\r\n");
    }

    MultipartBodies field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"").raw(value);
    }

    MultipartBodies file(String name, String filename, String type, byte[] data) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"",
                "Content-Type: " + type).raw(data);
    }

    MultipartBodies close() {
        return raw("\r\n--" + boundary + "--\r\n");
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    static InputStream chunked(byte[] data, int chunk) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Counts the bytes taken from the wrapped stream. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
