package org.aisora.rest.internal.http;

import java.util.Locale;

/**
 * What a route may receive, decided from the method, the path and the presence of credentials, before
 * any byte of the body is read: an upload with a bearer token is capped by the caller's plan, which the
 * media service checks against the declared length before reading and again while streaming (the
 * token itself is checked before that); webhooks, JSON and anything anonymous have a fixed cap. Paths are relative to the API's base ({@code /api/v1}), the context the filter runs in.
 */
record RouteLimit(long maxBytes) {
    static final long UNBOUNDED_HERE = Long.MAX_VALUE;

    /**
     * @param authorized whether the request carries credentials at all (checked later, before any read);
     *                   an upload without them is held to the small JSON cap, so its resource answers
     *                   401 for a small body, and a large one is refused 413 before it is read
     */
    static RouteLimit of(String method, String path, boolean authorized, long jsonMax, long webhookMax) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        String p = path == null ? "" : path;
        if (authorized && "POST".equals(m) && (p.equals("/media") || p.equals("/media/"))) {
            return new RouteLimit(UNBOUNDED_HERE);
        }
        if (p.startsWith("/billing/webhooks/")) {
            return new RouteLimit(webhookMax);
        }
        return new RouteLimit(jsonMax);
    }
}
