package org.aisora.core.internal.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JSON objects of the export: insertion-ordered, nulls kept (the schema says which may be null). */
final class Rows {
    private final Map<String, Object> map = new LinkedHashMap<>();

    static Rows of() {
        return new Rows();
    }

    Rows put(String key, Object value) {
        map.put(key, value);
        return this;
    }

    Map<String, Object> map() {
        return map;
    }
}
