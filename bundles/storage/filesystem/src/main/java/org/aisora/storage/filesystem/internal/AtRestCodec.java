package org.aisora.storage.filesystem.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How blob bytes look on disk. The store keeps key checks, hashing (always of the plain bytes) and the
 * atomic write; a codec only transforms the stream, and may bind it to the blob's key.
 */
interface AtRestCodec {
    /** The returned stream is closed before the file is synced, so it may write trailing bytes on close. */
    OutputStream encoding(String key, OutputStream disk) throws IOException;

    /** Fails at once (IOException) when the blob cannot be read back, rather than half-way through a response. */
    InputStream decoding(String key, InputStream disk) throws IOException;
}
