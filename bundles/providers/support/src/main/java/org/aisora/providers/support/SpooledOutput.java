package org.aisora.providers.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.provider.GeneratedOutput;

/**
 * A vendor's output held in a spool file instead of the heap. The core opens it as often as it needs
 * while storing, then closes it (it is {@link AutoCloseable}, which the core can see without knowing
 * this class), and closing deletes the file. A file left behind by a crash is removed by the next
 * start-up sweep of its {@link OutputSpool}.
 */
public final class SpooledOutput implements GeneratedOutput, AutoCloseable {
    private final Path file;
    private final String contentType;

    SpooledOutput(Path file, String contentType) {
        this.file = file;
        this.contentType = contentType;
    }

    /** The same file under the media type its bytes were recognised as. */
    public SpooledOutput typed(String type) {
        return new SpooledOutput(file, type);
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    public Path file() {
        return file;
    }

    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code n} bytes (fewer for a shorter file), enough to recognise a format by signature. */
    public byte[] head(int n) throws IOException {
        try (InputStream in = open()) {
            return in.readNBytes(n);
        }
    }

    /** Deletes the file; safe to call more than once. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next start-up sweep removes it
        }
    }
}
