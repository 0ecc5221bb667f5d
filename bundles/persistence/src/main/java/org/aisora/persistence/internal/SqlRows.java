package org.aisora.persistence.internal;

import java.time.Instant;

/** Reading native-query columns the same way on H2 and MariaDB. */
final class SqlRows {
    private SqlRows() {
    }

    static Instant instant(Object column) {
        return column == null ? null : Instant.ofEpochMilli(((Number) column).longValue());
    }

    static String string(Object column) {
        return column == null ? null : column.toString();
    }
}
