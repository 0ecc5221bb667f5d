package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;

/**
 * A provider's output copied into a scratch file of ours, under the byte cap, so everything after
 * (header check, thumbnail, moderation, storage) reads a file whose size is known and bounded, and no
 * output is ever an array in the heap.
 */
final class OutputFiles {
    static final String PREFIX = "aisora-generated";

    private OutputFiles() {
    }

    /**
     * Deletes scratch files a crash left in {@code dir}. Only those older than {@code age}: the folder is the
     * JVM's temp folder, and a file younger than that may belong to a job storing right now.
     */
    static int sweepStale(Path dir, java.time.Duration age, java.time.Instant now) {
        int deleted = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(age))) {
                    deleted += Files.deleteIfExists(file) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            // retried at the next start
        }
        return deleted;
    }

    /** @return the scratch file; the caller deletes it. Over the cap, nothing is left behind. */
    static Path copy(GeneratedOutput output, OutputLimits limits, String suffix) throws IOException, ProviderException {
        return copy(output, limits, suffix, Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Path copy(GeneratedOutput output, OutputLimits limits, String suffix, Path dir)
            throws IOException, ProviderException {
        Path file = Files.createTempFile(dir, PREFIX, suffix);
        boolean done = false;
        try (InputStream in = output.open(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw limits.tooLarge();
                }
                out.write(buffer, 0, n);
            }
            done = true;
            return file;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Outputs backed by a provider's spool file are AutoCloseable: closing deletes that file. */
    static void release(Iterable<GeneratedOutput> outputs) {
        for (GeneratedOutput output : outputs) {
            if (output instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the provider's start-up sweep removes what it could not delete now
                }
            }
        }
    }
}
