package org.aisora.core.internal.privacy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An export as a ZIP streamed to its destination: one entry at a time, nothing buffered beyond a copy buffer. */
final class ZipExportSink implements ExportSink, AutoCloseable {
    private final ZipOutputStream zip;
    private final List<String> files = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    ZipExportSink(OutputStream out) {
        this.zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller owns and closes the destination
            }
        }, StandardCharsets.UTF_8);
    }

    @Override
    public void json(String name, Object value) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        begin(name);
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        Json.write(value, writer);
        writer.flush();
        zip.closeEntry();
    }

    @Override
    public void file(String path, InputStream content) throws IOException {
        // media are compressed already (PNG, JPEG, WebP, MP4): deflating them again costs CPU and saves nothing
        zip.setLevel(Deflater.NO_COMPRESSION);
        begin(path);
        try (InputStream in = content) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    private void begin(String name) throws IOException {
        if (!names.add(name)) {
            throw new IllegalStateException("two categories wrote " + name);
        }
        files.add(name);
        zip.putNextEntry(new ZipEntry(name));
    }

    List<String> files() {
        return Collections.unmodifiableList(files);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
