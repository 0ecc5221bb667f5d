package org.aisora.rest.internal.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The client's filename, reduced to something safe to show again in a Content-Disposition header:
 * never used to name anything in storage.
 */
final class Filenames {
    static final int MAX_CODE_POINTS = 200;
    private static final String DROPPED = "\"<>:|?*;";

    private Filenames() {
    }

    /** The raw filename of a Content-Disposition: RFC 5987 {@code filename*} first, else {@code filename}. */
    static String raw(HeaderParameters disposition) {
        String extended = disposition.get("filename*");
        if (extended != null) {
            String decoded = decodeExtended(extended);
            if (decoded != null) {
                return decoded;
            }
        }
        return disposition.get("filename");
    }

    /**
     * @return the last path segment without control, formatting (bidi) or quoting characters, with
     *         whitespace collapsed and leading dots removed, at most {@link #MAX_CODE_POINTS} code points
     *         (the extension kept); null when nothing is left
     */
    static String sanitize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || cp == 0xFFFD
                    || DROPPED.indexOf(cp) >= 0) {
                continue;
            }
            if (space && sb.length() > 0) {
                sb.append(' ');
            }
            space = false;
            sb.appendCodePoint(cp);
        }
        int start = 0;
        while (start < sb.length() && sb.charAt(start) == '.') {
            start++;
        }
        String name = truncate(sb.substring(start).trim());
        return name.isEmpty() ? null : name;
    }

    private static String truncate(String name) {
        int count = name.codePointCount(0, name.length());
        if (count <= MAX_CODE_POINTS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int keep = MAX_CODE_POINTS - ext.codePointCount(0, ext.length());
        return name.substring(0, name.offsetByCodePoints(0, keep)).trim() + ext;
    }

    /** RFC 5987 {@code charset'language'pct-encoded} in UTF-8 or ISO-8859-1; null if it is not that. */
    static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        String charsetName = value.substring(0, first).trim().toUpperCase(Locale.ROOT);
        Charset charset;
        if ("UTF-8".equals(charsetName)) {
            charset = StandardCharsets.UTF_8;
        } else if ("ISO-8859-1".equals(charsetName)) {
            charset = StandardCharsets.ISO_8859_1;
        } else {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return new String(bytes.toByteArray(), charset);
    }
}
