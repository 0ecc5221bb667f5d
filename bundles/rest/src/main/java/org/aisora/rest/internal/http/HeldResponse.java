package org.aisora.rest.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A small answer kept back until {@link #release()}, so that a refusal can be sent later without a thread
 * waiting for it. Status and headers go to the real response at once (they are not sent before the body);
 * the body is held up to {@link #LIMIT} bytes, and an answer that grows past it is no longer held: what
 * was held is written and the rest passes through.
 */
final class HeldResponse extends HttpServletResponseWrapper {
    static final int LIMIT = 64 * 1024;

    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean passingThrough;
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    /** True while nothing has been sent, so the answer can still be delayed. */
    synchronized boolean holding() {
        return !passingThrough;
    }

    /** Sends what is held; from then on everything passes through. */
    synchronized void release() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (!passingThrough) {
            passingThrough = true;
            held.writeTo(super.getOutputStream());
            held.reset();
        }
        super.flushBuffer();
    }

    private synchronized void write(byte[] b, int off, int len) throws IOException {
        if (!passingThrough && held.size() + len > LIMIT) {
            release();
        }
        if (passingThrough) {
            super.getOutputStream().write(b, off, len);
        } else {
            held.write(b, off, len);
        }
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    HeldResponse.this.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    HeldResponse.this.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // writes never block while held; afterwards the container's stream is used
                }
            };
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() {
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding)
                    : StandardCharsets.UTF_8;
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
        }
        return writer;
    }

    @Override
    public synchronized void flushBuffer() throws IOException {
        if (passingThrough) {
            super.flushBuffer();
        }
    }

    @Override
    public synchronized boolean isCommitted() {
        return passingThrough && super.isCommitted();
    }

    @Override
    public synchronized void resetBuffer() {
        held.reset();
        if (passingThrough) {
            super.resetBuffer();
        }
    }

    @Override
    public synchronized void reset() {
        held.reset();
        super.reset();
    }
}
