package org.aisora.api.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** One file a provider produced; the core copies it into storage at once. */
public interface GeneratedOutput {
    String contentType();

    InputStream open() throws IOException;

    static GeneratedOutput ofBytes(String contentType, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new GeneratedOutput() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }
}
