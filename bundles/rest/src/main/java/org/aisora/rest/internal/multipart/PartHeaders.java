package org.aisora.rest.internal.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The headers of one part that matter: its form name and filename (Content-Disposition: form-data)
 * and its Content-Type. Other headers are ignored.
 *
 * @param name        the form field name
 * @param rawFilename the filename as sent (null when the part carries none); never trusted
 * @param contentType the part's Content-Type as sent, null when absent
 */
record PartHeaders(String name, String rawFilename, String contentType) {

    boolean hasFilename() {
        return rawFilename != null && !rawFilename.isEmpty();
    }

    /** @param block the header lines, each ended by CRLF, without the empty line that ends the block */
    static PartHeaders parse(byte[] block) {
        String text = new String(block, StandardCharsets.UTF_8);
        String disposition = null;
        String contentType = null;
        String[] lines = text.split("\r\n", -1);
        // the block ends with CRLF, so the last element is empty
        StringBuilder current = null;
        String currentName = null;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
                throw MultipartErrors.malformed("a part header has a bare CR, LF or NUL");
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current == null) {
                    throw MultipartErrors.malformed("a part header starts with whitespace");
                }
                current.append(' ').append(line.trim()); // obsolete line folding
                continue;
            }
            if (currentName != null) {
                String value = current.toString().trim();
                if ("content-disposition".equals(currentName)) {
                    if (disposition != null) {
                        throw MultipartErrors.malformed("a part has two Content-Disposition headers");
                    }
                    disposition = value;
                } else if ("content-type".equals(currentName)) {
                    if (contentType != null) {
                        throw MultipartErrors.malformed("a part has two Content-Type headers");
                    }
                    contentType = value;
                }
                currentName = null;
                current = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw MultipartErrors.malformed("a part header has no name");
            }
            currentName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            current = new StringBuilder(line.substring(colon + 1));
        }
        if (disposition == null) {
            throw MultipartErrors.malformed("a part has no Content-Disposition header");
        }
        HeaderParameters d = HeaderParameters.parse(disposition);
        if (!"form-data".equals(d.value().toLowerCase(Locale.ROOT))) {
            throw MultipartErrors.malformed("a part's Content-Disposition is not form-data");
        }
        String name = d.get("name");
        if (name == null) {
            throw MultipartErrors.malformed("a part has no form name");
        }
        return new PartHeaders(name, Filenames.raw(d), contentType == null || contentType.isEmpty() ? null
                : contentType);
    }
}
