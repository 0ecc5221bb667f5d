package org.aisora.persistence.internal;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Reads JDBC failures through whatever the JPA provider wrapped them in. SQL states are portable;
 * index names are matched in the message because MariaDB reports no constraint name otherwise.
 */
final class SqlErrors {
    private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;

    private SqlErrors() {
    }

    /** An integrity violation (SQL state class 23); with a name, only one that mentions that index. */
    static boolean isConstraintViolation(Throwable failure, String indexName) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return indexName == null || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT)
                        .contains(indexName.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    static boolean isConstraintViolation(Throwable failure) {
        return isConstraintViolation(failure, null);
    }

    /** Deadlocks (class 40) and lock-wait timeouts (H2 HYT00, MariaDB 1205): the transaction may be retried. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                if (state.startsWith("40") || state.equals("HYT00")
                        || sql.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT) {
                    return true;
                }
            }
        }
        return false;
    }
}
