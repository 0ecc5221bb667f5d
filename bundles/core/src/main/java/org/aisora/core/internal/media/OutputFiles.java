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
    private OutputFiles() {
    }

    /** @return the scratch file; the caller deletes it. Over the cap, nothing is left behind. */
    static Path copy(GeneratedOutput output, OutputLimits limits, String suffix) throws IOException, ProviderException {
        Path file = Files.createTempFile("aisora-generated", suffix);
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
