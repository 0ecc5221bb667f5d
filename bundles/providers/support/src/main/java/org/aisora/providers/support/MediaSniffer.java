package org.aisora.providers.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The media type of an output by its leading bytes. The Content-Type a download host sends is not
 * trusted: only the formats the core accepts pass, recognised by their signatures.
 */
public final class MediaSniffer {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private MediaSniffer() {
    }

    /** PNG, JPEG, GIF, WebP or MP4 (ISO-BMFF, not QuickTime) by signature; empty for anything else. */
    public static Optional<String> contentType(byte[] b) {
        if (startsWith(b, 0, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return Optional.of("image/gif");
        }
        if (b.length >= 16 && startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return Optional.of("image/webp");
        }
        // ISO base media: a box size, then 'ftyp' and a major brand; QuickTime ('qt  ') is not MP4
        if (b.length >= 12 && startsWith(b, 4, ascii("ftyp")) && !startsWith(b, 8, ascii("qt  "))) {
            return Optional.of("video/mp4");
        }
        return Optional.empty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
