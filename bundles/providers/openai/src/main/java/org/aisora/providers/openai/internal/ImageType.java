package org.aisora.providers.openai.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The type of an image from its first bytes: what OpenAI sent is checked, not trusted. */
final class ImageType {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private ImageType() {
    }

    /** @return image/png, image/jpeg or image/webp, or null for anything else */
    static String of(byte[] bytes) {
        if (startsWith(bytes, 0, PNG)) {
            return "image/png";
        }
        if (startsWith(bytes, 0, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
            return "image/webp";
        }
        return null;
    }

    /** A file name whose extension matches the type, for the multipart part (OpenAI looks at it). */
    static String fileName(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> "input.jpg";
            case "image/webp" -> "input.webp";
            default -> "input.png";
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
