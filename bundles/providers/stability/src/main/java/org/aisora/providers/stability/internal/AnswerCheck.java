package org.aisora.providers.stability.internal;

import org.aisora.api.provider.ProviderException;

/**
 * Checks a binary answer by its first bytes (the shared MediaSniffer's signatures): the Content-Type a
 * vendor sends is a claim, the magic number is what the core's decoders will see. Only the formats the core accepts from Stability pass
 * (MP4 is an ISO-BMFF {@code ftyp} box that is not QuickTime's).
 */
final class AnswerCheck {
    private AnswerCheck() {
    }

    /** @return the content type the bytes really are, or null when none we accept */
    static String sniff(byte[] b) {
        return org.aisora.providers.support.MediaSniffer.contentType(b).orElse(null);
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
}
