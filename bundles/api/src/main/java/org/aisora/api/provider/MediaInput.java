package org.aisora.api.provider;

import java.io.IOException;
import java.io.InputStream;

/** A user's upload handed to a provider: already checked by content, with its size in pixels. */
public interface MediaInput {
    String contentType();

    int width();

    int height();

    InputStream open() throws IOException;
}
