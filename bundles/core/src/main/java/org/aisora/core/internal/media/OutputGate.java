package org.aisora.core.internal.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.aisora.api.provider.ProviderException;

/** Decides whether a generated output may be kept, before it is stored. */
@FunctionalInterface
public interface OutputGate {
    /** The output's bytes, opened as often as the engines need them: an output is a file, not an array. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;

        static Content of(byte[] bytes) {
            return () -> new ByteArrayInputStream(bytes);
        }
    }

    /**
     * @throws ProviderException {@code output_rejected} when an engine flags it, {@code moderation_unavailable}
     *                           when no engine could check it
     */
    void check(Content output, String contentType) throws ProviderException;
}
