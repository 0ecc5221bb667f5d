package org.aisora.storage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How blob bytes look on disk. The store keeps key checks, hashing (always of the plain bytes) and the
 * atomic write; a codec only transforms the stream, and may bind it to the blob's key.
 */
public interface AtRestCodec {
    /** The returned stream is closed before the file is synced, so it may write trailing bytes on close. */
    OutputStream encoding(String key, OutputStream disk) throws IOException;

    /**
     * The same encoding pulled rather than pushed, for stores that upload from an InputStream (S3): reading
     * the returned stream reads {@code plain} one segment ahead, so memory stays bounded.
     */
    InputStream encoded(String key, InputStream plain) throws IOException;

    /** Fails at once (IOException) when the blob cannot be read back, rather than half-way through a response. */
    InputStream decoding(String key, InputStream disk) throws IOException;
}
