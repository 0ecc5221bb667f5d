package org.aisora.api.service;

import java.io.IOException;
import java.io.InputStream;

/** Bytes of a media item ready to stream, with what HTTP needs to describe them. */
public interface MediaContent {
    String contentType();

    long length();

    /** A strong validator: the SHA-256 of the content. */
    String etag();

    String fileName();

    InputStream open() throws IOException;
}
