package org.aisora.core.internal.media.upload;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads an image's declared size from its header, never from decoded pixels: that is the only
 * point at which a pixel flood (a small file promising billions of pixels) can be stopped cheaply.
 * Parsing is sequential and stops at the first field that gives the size.
 */
final class ImageHeaders {
    /** Declared canvas size; long because PNG and VP8X sides can exceed what a product of ints holds. */
    record Size(long width, long height) {
    }

    private ImageHeaders() {
    }

    static Size read(MediaFormat format, MediaReader r) throws IOException {
        Size size = switch (format) {
            case PNG -> png(r);
            case JPEG -> jpeg(r);
            case GIF -> gif(r);
            case WEBP -> webp(r);
            default -> throw new IllegalArgumentException(format + " is not an image");
        };
        if (size.width() <= 0 || size.height() <= 0) {
            throw UploadRefusals.malformed("the image declares a zero width or height");
        }
        return size;
    }

    /** The specification puts IHDR first; its CRC is checked because everything after trusts it. */
    private static Size png(MediaReader r) throws IOException {
        r.skip(8);
        long length = r.u32be();
        byte[] type = r.bytes(4);
        if (length != 13 || !Arrays.equals(type, FormatSniffer.ascii("IHDR"))) {
            throw UploadRefusals.malformed("a PNG must start with a 13-byte IHDR chunk");
        }
        byte[] data = r.bytes(13);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        if (crc.getValue() != r.u32be()) {
            throw UploadRefusals.malformed("the PNG IHDR checksum is wrong");
        }
        long width = be32(data, 0);
        long height = be32(data, 4);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || !pngPixelFormat(data[9], data[8])
                || data[10] != 0 || data[11] != 0 || (data[12] & 0xFF) > 1) {
            throw UploadRefusals.malformed("the PNG IHDR has impossible values");
        }
        return new Size(width, height);
    }

    private static boolean pngPixelFormat(int colorType, int depth) {
        return switch (colorType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
    }

    /** Walks marker segments (APPn, DQT, DHT, COM...) to the first SOFn; a scan before it is malformed. */
    private static Size jpeg(MediaReader r) throws IOException {
        r.skip(2);
        while (true) {
            if (r.u8() != 0xFF) {
                throw UploadRefusals.malformed("a JPEG segment does not start with a marker");
            }
            int marker = r.u8();
            while (marker == 0xFF) { // fill bytes
                marker = r.u8();
            }
            if (isStartOfFrame(marker)) {
                r.skip(3); // segment length, sample precision
                long height = r.u16be();
                return new Size(r.u16be(), height);
            }
            if (marker == 0xDA || marker == 0xD9 || marker == 0xD8 || marker == 0x00) {
                throw UploadRefusals.malformed("the JPEG has no frame header before its image data");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            int length = r.u16be();
            if (length < 2) {
                throw UploadRefusals.malformed("a JPEG segment has an impossible length");
            }
            r.skip(length - 2L);
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * The logical screen alone is not enough: the first frame may be far larger than the screen it
     * claims to sit in, and decoders allocate for the frame. So the limit applies to the union.
     */
    private static Size gif(MediaReader r) throws IOException {
        r.skip(6);
        int screenWidth = r.u16le();
        int screenHeight = r.u16le();
        int flags = r.u8();
        r.skip(2);
        if ((flags & 0x80) != 0) {
            r.skip(3L << ((flags & 7) + 1)); // global colour table
        }
        while (true) {
            int block = r.u8();
            if (block == 0x2C) {
                long left = r.u16le();
                long top = r.u16le();
                long width = r.u16le();
                long height = r.u16le();
                if (width == 0 || height == 0) {
                    throw UploadRefusals.malformed("the first GIF frame is empty");
                }
                return new Size(Math.max(screenWidth, left + width), Math.max(screenHeight, top + height));
            }
            if (block != 0x21) {
                throw UploadRefusals.malformed("the GIF has no frame");
            }
            r.u8(); // extension label
            for (int sub = r.u8(); sub != 0; sub = r.u8()) {
                r.skip(sub);
            }
        }
    }

    /** The first chunk decides: VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
    private static Size webp(MediaReader r) throws IOException {
        r.skip(4);
        if (r.u32le() < 12) {
            throw UploadRefusals.malformed("the WebP RIFF size is impossible");
        }
        r.skip(4);
        String chunk = new String(r.bytes(4), java.nio.charset.StandardCharsets.US_ASCII);
        long chunkSize = r.u32le();
        switch (chunk) {
            case "VP8 " -> {
                r.skip(3); // frame tag
                if (chunkSize < 10 || r.u8() != 0x9D || r.u8() != 0x01 || r.u8() != 0x2A) {
                    throw UploadRefusals.malformed("the WebP VP8 frame header is wrong");
                }
                int width = r.u16le() & 0x3FFF;
                return new Size(width, r.u16le() & 0x3FFF);
            }
            case "VP8L" -> {
                if (chunkSize < 5 || r.u8() != 0x2F) {
                    throw UploadRefusals.malformed("the WebP VP8L signature is wrong");
                }
                long bits = r.u32le();
                if (bits >>> 29 != 0) {
                    throw UploadRefusals.malformed("the WebP VP8L version is unknown");
                }
                return new Size((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                if (chunkSize < 10) {
                    throw UploadRefusals.malformed("the WebP VP8X chunk is too short");
                }
                r.skip(4); // flags and reserved bits
                long width = r.u24le() + 1L;
                return new Size(width, r.u24le() + 1L);
            }
            default -> throw UploadRefusals.malformed("the WebP does not start with a VP8, VP8L or VP8X chunk");
        }
    }

    private static long be32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }
}
