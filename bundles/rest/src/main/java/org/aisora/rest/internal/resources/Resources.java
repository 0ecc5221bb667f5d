package org.aisora.rest.internal.resources;

/** Paging bounds shared by list endpoints. */
final class Resources {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private Resources() {
    }

    static int limit(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    static int offset(Integer offset) {
        return offset == null ? 0 : Math.max(0, offset);
    }
}
