package org.aisora.rest.internal.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The file of a multipart/form-data upload, streamed: {@link #open} reads the body up to the file
 * part's data (the preamble, the text fields before it, its headers) and {@link #content()} then
 * yields the file's bytes exactly up to the next boundary. Memory is one buffer of
 * {@link MultipartLimits#bufferSize()} plus the delimiter whatever the file's size; nothing after the
 * file part is read.
 *
 * <p>The file part is the first part named {@link MultipartLimits#fileField()} or, failing that name,
 * the first carrying a non-empty filename, whichever comes first. Parts before it are text fields,
 * kept (the first value of a name wins) within {@link MultipartLimits#maxFieldBytes()}; empty file
 * inputs among them are skipped within the same budget.
 *
 * <p>Refusals are {@link org.aisora.api.error.AisoraException}s with code {@value #MALFORMED} (400)
 * or {@value #MISSING_FILE} (400). A body that ends before the boundary after the file makes
 * {@link #content()} throw {@value #MALFORMED} instead of reporting the end, so a truncated upload is
 * never taken for a complete one.
 */
public final class MultipartUpload {
    public static final String MALFORMED = MultipartErrors.MALFORMED;
    public static final String MISSING_FILE = MultipartErrors.MISSING_FILE;

    private final InputStream content;
    private final String fieldName;
    private final String contentType;
    private final String filename;
    private final Map<String, String> fields;

    private MultipartUpload(InputStream content, PartHeaders part, Map<String, String> fields) {
        this.content = content;
        this.fieldName = part.name();
        this.contentType = part.contentType();
        this.filename = Filenames.sanitize(part.rawFilename());
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** As {@link #open(InputStream, String, MultipartLimits)} with {@link MultipartLimits#DEFAULTS}. */
    public static MultipartUpload open(InputStream body, String contentType) throws IOException {
        return open(body, contentType, MultipartLimits.DEFAULTS);
    }

    /**
     * @param body        the request body, read up to the end of the file part and never closed
     * @param contentType the request's Content-Type, {@code multipart/form-data; boundary=...}
     * @throws org.aisora.api.error.AisoraException malformed_multipart or missing_file
     * @throws IOException                          if reading the body fails
     */
    public static MultipartUpload open(InputStream body, String contentType, MultipartLimits limits)
            throws IOException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        MultipartStream stream = new MultipartStream(body, Boundary.parse(contentType), limits.bufferSize());
        stream.skipPart(limits.maxHeaderBytes(), "the preamble before the first boundary");
        Map<String, String> fields = new LinkedHashMap<>();
        int fieldBytes = 0;
        for (int parts = 0; ; parts++) {
            if (stream.closed()) {
                throw MultipartErrors.missingFile(limits.fileField());
            }
            if (parts == limits.maxParts()) {
                throw MultipartErrors.malformed("more than " + limits.maxParts() + " parts before the file");
            }
            PartHeaders part = PartHeaders.parse(stream.readHeaders(limits.maxHeaderBytes()));
            if (part.name().equals(limits.fileField()) || part.hasFilename()) {
                return new MultipartUpload(new PartInputStream(stream), part, fields);
            }
            byte[] name = part.name().getBytes(StandardCharsets.UTF_8);
            int budget = limits.maxFieldBytes() - fieldBytes - name.length;
            if (budget < 0) {
                throw fieldsTooLarge(limits);
            }
            if (part.rawFilename() != null) {
                fieldBytes += name.length + (int) stream.skipPart(budget, "the form fields before the file");
                continue; // an empty file input
            }
            byte[] value = readField(stream, budget, limits);
            fieldBytes += name.length + value.length;
            fields.putIfAbsent(part.name(), new String(value, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readField(MultipartStream stream, int budget, MultipartLimits limits) throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream(Math.min(budget, 256));
        byte[] chunk = new byte[Math.min(budget + 1, 1024)];
        int n;
        while ((n = stream.read(chunk, 0, chunk.length)) >= 0) {
            if (value.size() + n > budget) {
                throw fieldsTooLarge(limits);
            }
            value.write(chunk, 0, n);
        }
        return value.toByteArray();
    }

    private static RuntimeException fieldsTooLarge(MultipartLimits limits) {
        return MultipartErrors.malformed("the form fields before the file exceed " + limits.maxFieldBytes()
                + " bytes");
    }

    /**
     * The file's bytes: ends exactly at the boundary after it, throws malformed_multipart if the body
     * ends first. Read it once; closing it does not close the request body.
     */
    public InputStream content() {
        return content;
    }

    /** The form name of the file part. */
    public String fieldName() {
        return fieldName;
    }

    /** The file part's Content-Type as the client sent it (untrusted), null when absent. */
    public String contentType() {
        return contentType;
    }

    /**
     * The client's filename reduced to a safe display name (no path, no control, bidi or quote
     * characters, at most 200 code points), null when absent. Never use it to name stored objects.
     */
    public String filename() {
        return filename;
    }

    /** The text fields sent before the file, in order; the first value of a repeated name. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The data of one part over the shared stream. */
    private static final class PartInputStream extends InputStream {
        private final MultipartStream stream;
        private final byte[] one = new byte[1];
        private boolean closed;

        PartInputStream(MultipartStream stream) {
            this.stream = stream;
        }

        @Override
        public int read() throws IOException {
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("the upload stream is closed");
            }
            return stream.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            if (closed) {
                throw new IOException("the upload stream is closed");
            }
            return stream.available();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
