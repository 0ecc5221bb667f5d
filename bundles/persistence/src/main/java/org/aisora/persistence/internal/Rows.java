package org.aisora.persistence.internal;

import java.time.Instant;

/** Reading native-query columns the same way on H2 and MariaDB (numbers come back as various types). */
final class Rows {
    private Rows() {
    }

    static Instant instant(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    static int integer(Object value) {
        return ((Number) value).intValue();
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
