package org.aisora.rest.internal.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The boundary of a multipart/form-data Content-Type, validated against RFC 2046. */
final class Boundary {
    static final int MAX_LENGTH = 70;
    private static final String BCHARS_NOSPACE = "'()+_,-./:=?";

    private Boundary() {
    }

    /**
     * @param contentType the request's Content-Type header, may be null
     * @return the boundary's bytes (ASCII), without the leading {@code --}
     */
    static byte[] parse(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw MultipartErrors.malformed("the Content-Type header is missing");
        }
        HeaderParameters header = HeaderParameters.parse(contentType);
        if (!"multipart/form-data".equals(header.value().toLowerCase(Locale.ROOT))) {
            throw MultipartErrors.malformed("the Content-Type is not multipart/form-data");
        }
        String boundary = header.get("boundary");
        if (boundary == null) {
            throw MultipartErrors.malformed("the Content-Type has no boundary parameter");
        }
        if (boundary.isEmpty() || boundary.length() > MAX_LENGTH) {
            throw MultipartErrors.malformed("the boundary must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || BCHARS_NOSPACE.indexOf(c) >= 0 || (c == ' ' && i < boundary.length() - 1);
            if (!ok) {
                throw MultipartErrors.malformed("the boundary has a character RFC 2046 does not allow");
            }
        }
        return boundary.getBytes(StandardCharsets.US_ASCII);
    }
}
