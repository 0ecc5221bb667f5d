package org.aisora.rest.internal.http;

import java.util.Locale;

/**
 * What a route may receive, decided from the method and path alone, before any byte of the body is
 * read: uploads need a bearer token first (their size cap is the caller's plan, which the media service
 * checks against the declared length before reading and again while streaming); webhooks and JSON have
 * a fixed cap. Paths are relative to the API's base ({@code /api/v1}), the context the filter runs in.
 */
record RouteLimit(boolean needsToken, long maxBytes) {
    static final long UNBOUNDED_HERE = Long.MAX_VALUE;

    static RouteLimit of(String method, String path, long jsonMax, long webhookMax) {
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        String p = path == null ? "" : path;
        if ("POST".equals(m) && (p.equals("/media") || p.equals("/media/"))) {
            return new RouteLimit(true, UNBOUNDED_HERE);
        }
        if (p.startsWith("/billing/webhooks/")) {
            return new RouteLimit(false, webhookMax);
        }
        return new RouteLimit(false, jsonMax);
    }
}
