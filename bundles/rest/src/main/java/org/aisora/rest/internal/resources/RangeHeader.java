package org.aisora.rest.internal.resources;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One byte range of a {@code Range: bytes=...} header (RFC 9110); several ranges are served whole. */
record RangeHeader(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** @return null to serve the whole body (no header, several ranges, or a form we don't serve) */
    static RangeHeader parse(String header, long length) throws Unsatisfiable {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) { // suffix: the last N bytes
            long n = Long.parseLong(m.group(2));
            if (n == 0) {
                throw new Unsatisfiable();
            }
            first = Math.max(0, length - n);
            last = length - 1;
        } else {
            first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return null; // syntactically invalid: ignore the header, as RFC 9110 says
            }
            last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
        }
        if (first >= length) {
            throw new Unsatisfiable();
        }
        return new RangeHeader(first, last);
    }

    long length() {
        return last - first + 1;
    }

    /** The range starts past the end of the representation: 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
