package org.aisora.rest.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {
    /** Counts what was taken from the client, to show that nothing past the limit is read. */
    static final class Source extends ServletInputStream {
        private final InputStream in;
        long taken;

        Source(int size) {
            this.in = new ByteArrayInputStream(new byte[size]);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            taken += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            taken += Math.max(0, n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            // not used
        }
    }

    @Test
    void aBodyUpToTheLimitReadsWhole() throws IOException {
        CappedInputStream in = new CappedInputStream(new Source(1000), 1000);
        assertEquals(1000, in.readAllBytes().length);
        assertTrue(in.readToEnd());
        assertFalse(in.tripped());
    }

    @Test
    void oneBytePastTheLimitFailsAndTakesNoMoreThanThat() throws IOException {
        Source source = new Source(10_000_000);
        CappedInputStream in = new CappedInputStream(source, 1000);
        assertThrows(CappedInputStream.BodyTooLargeException.class, () -> in.read(new byte[1 << 20]));
        assertThrows(CappedInputStream.BodyTooLargeException.class, in::readAllBytes);
        assertTrue(in.tripped());
        assertEquals(1001, source.taken);
        in.abandon();
        assertEquals(-1, in.read(), "once the answer is decided the rest is not read");
        assertEquals(1001, source.taken);
    }

    @Test
    void anAbandonedBodyEndsAtOnce() throws IOException {
        Source source = new Source(10_000_000);
        CappedInputStream in = new CappedInputStream(source, Long.MAX_VALUE);
        assertEquals(100, in.read(new byte[100]));
        in.abandon();
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(new byte[4096], 0, 4096));
        assertEquals(0, in.available());
        assertEquals(100, source.taken);
        assertFalse(in.readToEnd());
    }
}
