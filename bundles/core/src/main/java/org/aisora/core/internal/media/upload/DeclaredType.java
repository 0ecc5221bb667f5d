package org.aisora.core.internal.media.upload;

import java.util.Locale;

/**
 * Compares the client's Content-Type with the sniffed format. The content always decides what is
 * stored; the declared type can only cause a refusal, never widen what is accepted.
 *
 * <p>No declared type, {@code application/octet-stream}, {@code *}{@code /*} and the format's own
 * wildcard ({@code image/*}) are taken as "no claim": curl, many mobile clients and multipart parts
 * without a type send exactly that, and the sniffed type is authoritative anyway. Any other
 * declared type must name the sniffed format (aliases such as image/jpg included).
 */
final class DeclaredType {
    private DeclaredType() {
    }

    static void check(String declared, MediaFormat format) {
        String mime = normalise(declared);
        if (mime.isEmpty() || mime.equals("application/octet-stream") || mime.equals("*/*")
                || mime.equals(format.kind() + "/*") || format.isNamedBy(mime)) {
            return;
        }
        throw UploadRefusals.mismatch(format);
    }

    /** Drops parameters ({@code ; charset=...}) and case, as RFC 9110 media types are case-insensitive. */
    static String normalise(String declared) {
        if (declared == null) {
            return "";
        }
        int semicolon = declared.indexOf(';');
        String type = semicolon < 0 ? declared : declared.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
