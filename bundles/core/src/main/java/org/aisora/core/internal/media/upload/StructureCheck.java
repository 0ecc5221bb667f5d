package org.aisora.core.internal.media.upload;

import java.io.IOException;

/**
 * Walks the top-level structure of the formats where that is cheap and decisive, while the body is
 * spooled anyway: PNG chunks to IEND, ISO-BMFF boxes to the end. A truncated upload (a client that
 * gave up, a camera that crashed before writing {@code moov}) is caught here instead of in the
 * transcoder. Lengths are only ever skipped through the reader's fixed buffer, and the body is
 * capped by {@link LimitedInputStream}, so no declared length can cost memory or unbounded reading.
 */
final class StructureCheck {
    private StructureCheck() {
    }

    /** Continues after IHDR. Bytes after IEND are left alone (copied, not interpreted). */
    static void pngChunks(MediaReader r) throws IOException {
        boolean imageData = false;
        while (true) {
            long length = r.u32be();
            byte[] type = r.bytes(4);
            if (length > Integer.MAX_VALUE || !letters(type)) {
                throw UploadRefusals.malformed("a PNG chunk header is impossible");
            }
            String name = new String(type, java.nio.charset.StandardCharsets.US_ASCII);
            if (name.equals("IHDR")) {
                throw UploadRefusals.malformed("the PNG has a second IHDR");
            }
            r.skip(length + 4); // data and CRC
            if (name.equals("IDAT")) {
                imageData = true;
            } else if (name.equals("IEND")) {
                if (!imageData) {
                    throw UploadRefusals.malformed("the PNG has no image data");
                }
                return;
            }
        }
    }

    /**
     * From the start of the file. A box of size 0 runs to the end of the file; {@code moov} must be
     * somewhere at the top level or the file cannot be played.
     */
    static void isoBoxes(MediaReader r) throws IOException {
        boolean movie = false;
        int first;
        while ((first = r.optionalU8()) >= 0) {
            long size = (long) first << 24 | r.u8() << 16 | r.u16be();
            byte[] type = r.bytes(4);
            if (!printable(type)) {
                throw UploadRefusals.malformed("an MP4 box has an impossible type");
            }
            movie |= new String(type, java.nio.charset.StandardCharsets.US_ASCII).equals("moov");
            long header = 8;
            if (size == 1) {
                size = r.u64be();
                header = 16;
            } else if (size == 0) {
                r.skipToEnd();
                break;
            }
            if (size < header) {
                throw UploadRefusals.malformed("an MP4 box has an impossible size");
            }
            r.skip(size - header);
        }
        if (!movie) {
            throw UploadRefusals.malformed("the MP4 has no movie header (moov): it is incomplete or truncated");
        }
    }

    private static boolean letters(byte[] type) {
        for (byte b : type) {
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(byte[] type) {
        for (byte b : type) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
