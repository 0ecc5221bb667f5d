package org.aisora.rest.internal.multipart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, as in Content-Type and Content-Disposition:
 * {@code value; name=token; name="quoted \" string"}. Parameter names are lower-cased; a name given
 * twice, a name without a value or an unterminated quoted string is refused.
 *
 * <p>In a quoted string a backslash escapes only {@code "} and {@code \}; any other backslash is kept,
 * as browsers send Windows paths in filenames unescaped.
 */
record HeaderParameters(String value, Map<String, String> parameters) {

    String get(String name) {
        return parameters.get(name);
    }

    static HeaderParameters parse(String header) {
        int semi = header.indexOf(';');
        String value = (semi < 0 ? header : header.substring(0, semi)).trim();
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? header.length() : semi + 1;
        int n = header.length();
        while (i < n) {
            i = skipSpace(header, i);
            if (i < n && header.charAt(i) == ';') {
                i++;
                continue;
            }
            if (i >= n) {
                break;
            }
            int eq = header.indexOf('=', i);
            int nextSemi = header.indexOf(';', i);
            if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
                throw MultipartErrors.malformed("a header parameter has no value");
            }
            String name = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw MultipartErrors.malformed("a header parameter has no name");
            }
            i = skipSpace(header, eq + 1);
            String v;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = header.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n && (header.charAt(i) == '"' || header.charAt(i) == '\\')) {
                        c = header.charAt(i++);
                    }
                    sb.append(c);
                }
                if (!closed) {
                    throw MultipartErrors.malformed("a quoted header parameter is not terminated");
                }
                i = skipSpace(header, i);
                if (i < n && header.charAt(i) != ';') {
                    throw MultipartErrors.malformed("text after a quoted header parameter");
                }
                v = sb.toString();
            } else {
                int end = header.indexOf(';', i);
                end = end < 0 ? n : end;
                v = header.substring(i, end).trim();
                i = end;
            }
            if (params.putIfAbsent(name, v) != null) {
                throw MultipartErrors.malformed("the header parameter " + name + " is given twice");
            }
        }
        return new HeaderParameters(value, Collections.unmodifiableMap(params));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
