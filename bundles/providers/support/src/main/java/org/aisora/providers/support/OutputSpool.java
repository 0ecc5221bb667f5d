package org.aisora.providers.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.provider.ProviderException;

/**
 * The folder where one provider's outputs are written while they download, so that an output never
 * sits whole in the heap. Every write stops at a byte cap; a file over it, or a failed download, is
 * deleted at once. The folder is created on demand, and {@link #sweep()} (called when the provider
 * starts) removes files a crash left behind.
 */
public final class OutputSpool {
    /** The code of an output over the cap; not retryable, the same output would come back. */
    public static final String OUTPUT_TOO_LARGE = "output_too_large";
    static final String PREFIX = "vendor-";
    static final String SUFFIX = ".spool";

    /** Writes an output's bytes; an IOException from it deletes the partial file. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path dir;

    public OutputSpool(Path dir) {
        this.dir = dir;
    }

    /**
     * @param configured a folder from the provider's configuration; blank means
     *                   {@code ${karaf.data}/aisora/vendor-spool} (the JVM's temp folder outside Karaf)
     * @param providerId each provider instance gets its own sub-folder, so one's sweep never touches another's downloads
     */
    public static OutputSpool forProvider(String configured, String providerId) {
        Path base = configured == null || configured.isBlank() ? defaultBase() : Path.of(configured.trim());
        return new OutputSpool(base.resolve(providerId.replaceAll("[^A-Za-z0-9._-]", "_")));
    }

    static Path defaultBase() {
        String data = System.getProperty("karaf.data");
        return data == null || data.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "aisora-vendor-spool")
                : Path.of(data, "aisora", "vendor-spool");
    }

    public Path dir() {
        return dir;
    }

    /** Deletes every spool file in the folder: called before this provider instance has any download in flight. */
    public int sweep() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                deleted += Files.deleteIfExists(file) ? 1 : 0;
            }
        } catch (IOException e) {
            // a folder we cannot list is retried at the next start; downloads create their own files
        }
        return deleted;
    }

    /** Copies a download body into a new spool file, stopping at {@code maxBytes}. */
    public SpooledOutput copy(String vendor, InputStream body, long maxBytes) throws ProviderException {
        return write(vendor, maxBytes, body::transferTo);
    }

    /**
     * Writes a new spool file through {@code writer}, which may not exceed {@code maxBytes}.
     *
     * @throws ProviderException {@link #OUTPUT_TOO_LARGE} over the cap, {@code invalid_provider_output} for
     *                           malformed JSON or base64, {@code provider_unavailable} (retryable) when the
     *                           download breaks off; the partial file is gone in every case
     */
    public SpooledOutput write(String vendor, long maxBytes, BodyWriter writer) throws ProviderException {
        Path file = null;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, PREFIX, SUFFIX);
            try (OutputStream out = new CappedOutputStream(new BufferedOutputStream(Files.newOutputStream(file)),
                    maxBytes)) {
                writer.writeTo(out);
            }
            SpooledOutput output = new SpooledOutput(file, null);
            file = null;
            return output;
        } catch (CapExceeded e) {
            throw tooLarge(vendor, maxBytes);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Jackson reports a bad base64 character as IllegalArgumentException
            throw new ProviderException(ProviderException.INVALID_OUTPUT, vendor + "'s output is not valid base64 in JSON",
                    false);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.UNAVAILABLE, "the download of " + vendor + "'s output failed",
                    true);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the sweep at the next start removes it
                }
            }
        }
    }

    public static ProviderException tooLarge(String vendor, long maxBytes) {
        return new ProviderException(OUTPUT_TOO_LARGE, vendor + "'s output is larger than " + maxBytes + " bytes", false);
    }

    /** Thrown by the capped stream; its own type so a full disk is not mistaken for an oversized output. */
    static final class CapExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        CapExceeded() {
            super("over the output cap");
        }
    }

    /** Refuses the byte that would take the file over the cap, before it is written. */
    static final class CappedOutputStream extends FilterOutputStream {
        private final long max;
        private long written;

        CappedOutputStream(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws IOException {
            if (written + n > max) {
                throw new CapExceeded();
            }
            written += n;
        }
    }
}
