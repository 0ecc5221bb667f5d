package org.aisora.core.internal.media.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.aisora.api.error.AisoraException;

/** Runs the real inspector over real bytes and checks the outcome the way the REST layer will see it. */
final class Gate {
    static final UploadLimits LIMITS = new UploadLimits(10L << 20, 50_000_000L, 16_384, 16_384);
    private static final UploadInspector INSPECTOR = new UploadInspector();

    private Gate() {
    }

    /** Accepts, and the sink must hold exactly the input. */
    static UploadInspection accept(byte[] file, String declaredType) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        UploadInspection inspection = INSPECTOR.inspect(new ByteArrayInputStream(file), declaredType, file.length,
                LIMITS, sink);
        assertArrayEquals(file, sink.toByteArray(), "the sink must receive the body exactly");
        assertEquals(file.length, inspection.bytes());
        return inspection;
    }

    static AisoraException refuse(byte[] file, String declaredType, String code, int status) {
        return refuse(new ByteArrayInputStream(file), declaredType, -1, LIMITS, code, status);
    }

    static AisoraException refuse(InputStream body, String declaredType, long declaredLength, UploadLimits limits,
            String code, int status) {
        return refuse(body, declaredType, declaredLength, limits, code, status, OutputStream.nullOutputStream());
    }

    static AisoraException refuse(InputStream body, String declaredType, long declaredLength, UploadLimits limits,
            String code, int status, OutputStream sink) {
        AisoraException e = assertThrows(AisoraException.class,
                () -> INSPECTOR.inspect(body, declaredType, declaredLength, limits, sink));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.kind().status(), e.getMessage());
        return e;
    }

    /** A sink that keeps only a count, so a gigabyte can pass through it. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Counts what the inspector actually pulled from the body. */
    static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long consumed;

        CountingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }
    }

    /**
     * A body of any length that is never materialised: a fixed prefix, then zeros generated on
     * demand into the caller's buffer. Allocates nothing while being read.
     */
    static final class LazyBody extends InputStream {
        private final byte[] prefix;
        private final long length;
        long consumed;

        LazyBody(byte[] prefix, long length) {
            this.prefix = prefix;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            if (consumed >= length) {
                return -1;
            }
            int b = consumed < prefix.length ? prefix[(int) consumed] & 0xFF : 0;
            consumed++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (consumed >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - consumed);
            int fromPrefix = (int) Math.max(0, Math.min(n, prefix.length - consumed));
            if (fromPrefix > 0) {
                System.arraycopy(prefix, (int) consumed, b, off, fromPrefix);
            }
            Arrays.fill(b, off + fromPrefix, off + n, (byte) 0);
            consumed += n;
            return n;
        }
    }
}
