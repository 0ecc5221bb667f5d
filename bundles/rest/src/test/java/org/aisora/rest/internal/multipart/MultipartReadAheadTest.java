package org.aisora.rest.internal.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser's memory and read-ahead do not grow with the file: checked by counting what it consumes. */
class MultipartReadAheadTest {
    private static final String BOUNDARY = "----AiSoraBoundaryQ3x9Zr7Lw2Kp";
    private static final long HUGE = 200L * 1024 * 1024;

    static byte at(long i) {
        return (byte) ((i * 0x9E3779B97F4A7C15L) >>> 56);
    }

    /** A multipart body around {@code size} generated file bytes, produced lazily. */
    static final class Generated extends InputStream {
        final byte[] prefix = new MultipartBodies(BOUNDARY).field("purpose", "upload")
                .part("Content-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"", "Content-Type: video/mp4")
                .bytes();
        final byte[] suffix = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        final long size;
        long pos;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = prefix.length + size + suffix.length;
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++, pos++) {
                long p = pos;
                b[off + i] = p < prefix.length ? prefix[(int) p]
                        : p < prefix.length + size ? at(p - prefix.length) : suffix[(int) (p - prefix.length - size)];
            }
            return n;
        }
    }

    @Test
    void neverReadsMoreThanTheBufferAheadOfTheCaller() throws IOException {
        int buffer = 64 * 1024;
        Generated generated = new Generated(HUGE);
        MultipartBodies.Counting counting = new MultipartBodies.Counting(generated);
        MultipartUpload upload = MultipartUpload.open(counting, "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
                MultipartLimits.DEFAULTS.withBufferSize(buffer));
        int ahead = buffer + 4 + BOUNDARY.length();
        int headers = generated.prefix.length;
        assertTrue(counting.count <= headers + ahead, "consumed " + counting.count + " to open");
        assertEquals("upload", upload.fields().get("purpose"));

        InputStream content = upload.content();
        byte[] chunk = new byte[10_007];
        long delivered = 0;
        while (delivered < 8L * 1024 * 1024) {
            int n = content.read(chunk, 0, chunk.length);
            for (int i = 0; i < n; i++) {
                assertEquals(at(delivered + i), chunk[i]);
            }
            delivered += n;
            assertTrue(counting.count <= headers + delivered + ahead,
                    "after " + delivered + " file bytes the parser consumed " + counting.count);
            assertTrue(counting.count >= headers + delivered);
        }
    }

    @Test
    void aLargeFileStreamsToItsExactEnd() throws IOException {
        long size = 24L * 1024 * 1024 + 13;
        MultipartUpload upload = MultipartUpload.open(new Generated(size),
                "multipart/form-data; boundary=" + BOUNDARY);
        InputStream content = upload.content();
        byte[] chunk = new byte[65_536];
        long delivered = 0;
        int n;
        while ((n = content.read(chunk)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] != at(delivered + i)) {
                    assertEquals(at(delivered + i), chunk[i], "byte " + (delivered + i));
                }
            }
            delivered += n;
        }
        assertEquals(size, delivered);
    }
}
