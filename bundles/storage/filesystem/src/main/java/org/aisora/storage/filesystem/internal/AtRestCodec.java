package org.aisora.storage.filesystem.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How blob bytes look on disk. Plain today; encryption at rest slots in here without touching key
 * checks, hashing (always of the plain bytes) or the atomic write.
 */
interface AtRestCodec {
    AtRestCodec PLAIN = new AtRestCodec() {
        @Override
        public OutputStream encoding(OutputStream disk) {
            return disk;
        }

        @Override
        public InputStream decoding(InputStream disk) {
            return disk;
        }
    };

    /** The returned stream is closed before the file is synced, so it may write trailing bytes on close. */
    OutputStream encoding(OutputStream disk) throws IOException;

    InputStream decoding(InputStream disk) throws IOException;
}
