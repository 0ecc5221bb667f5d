package org.aisora.providers.stability.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.aisora.api.provider.ProviderException;

/**
 * Checks a binary answer by its first bytes: the Content-Type a vendor sends is a claim, the magic
 * number is what the core's decoders will see. Only the formats the core accepts from Stability pass
 * (MP4 is an ISO-BMFF {@code ftyp} box that is not QuickTime's).
 */
final class MediaSniffer {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MediaSniffer() {
    }

    /** @return the content type the bytes really are, or null when none we accept */
    static String sniff(byte[] b) {
        if (startsWith(b, 0, PNG)) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        if (startsWith(b, 4, ascii("ftyp")) && !startsWith(b, 8, ascii("qt  "))) {
            return "video/mp4";
        }
        return null;
    }

    /**
     * The checked type of an answer that must be an image ({@code video == false}) or an MP4 clip; the
     * declared Content-Type, when it names a media type, must agree with the bytes.
     */
    static String verified(byte[] body, String contentType, boolean video) throws ProviderException {
        String declared = "application/octet-stream".equals(contentType) ? "" : contentType;
        String actual = sniff(body);
        if (actual == null) {
            throw invalid("Stability AI sent " + describe(declared) + " that is not PNG, JPEG, WebP or MP4");
        }
        if (actual.startsWith("video/") != video) {
            throw invalid("Stability AI sent " + actual + " where " + (video ? "a video" : "an image") + " was expected");
        }
        if (!declared.isEmpty() && !declared.equals(actual)) {
            throw invalid("Stability AI labelled " + actual + " bytes as " + declared);
        }
        return actual;
    }

    private static String describe(String declared) {
        return declared.isEmpty() ? "an unlabelled body" : "a " + declared + " body";
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(ProviderException.INVALID_OUTPUT, message, false);
    }

    private static boolean startsWith(byte[] b, int offset, byte[] magic) {
        return b.length >= offset + magic.length
                && Arrays.equals(b, offset, offset + magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
