package org.aisora.persistence.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * A throwaway database for one test class: H2 in memory, or a fresh schema on the local MariaDB that is
 * dropped afterwards. MariaDB tests are skipped when no server answers, unless {@code aisora.requireMariaDb}
 * is true (CI), where a missing server is a failure.
 */
final class TestDatabase implements AutoCloseable {
    static final String REQUIRE_MARIADB = "aisora.requireMariaDb";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private final String label;
    private final DataSource dataSource;
    private final AutoCloseable cleanup;

    private TestDatabase(String label, DataSource dataSource, AutoCloseable cleanup) {
        this.label = label;
        this.dataSource = dataSource;
        this.cleanup = cleanup;
    }

    static TestDatabase h2() {
        // LOCK_TIMEOUT: H2's default second is shorter than a busy ledger row may stay locked in the stress test
        String url = "jdbc:h2:mem:aisora_" + suffix() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(32);
        return new TestDatabase("H2", pool, () -> {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            pool.dispose();
        });
    }

    static TestDatabase mariaDb() {
        String schema = "aisora_test_" + suffix();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + schema);
        } catch (SQLException e) {
            if (Boolean.getBoolean(REQUIRE_MARIADB)) {
                fail("MariaDB at 127.0.0.1:3306 (user root, no password) is required (-D" + REQUIRE_MARIADB
                        + "=true) but does not answer: " + e.getMessage(), e);
            }
            Assumptions.abort("MariaDB at 127.0.0.1:3306 does not answer, skipping: " + e.getMessage());
        }
        try {
            MariaDbPoolDataSource pool = new MariaDbPoolDataSource(MARIADB + schema + "?user=root&maxPoolSize=16");
            return new TestDatabase("MariaDB " + schema, pool, () -> {
                pool.close();
                try (Connection c = admin(); Statement s = c.createStatement()) {
                    // a connection a test left behind (a simulated crash, a thread still running) may hold a
                    // transaction open, whose metadata lock would make the DROP wait for ever
                    List<Long> left = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '"
                            + schema + "' AND id <> CONNECTION_ID()")) {
                        while (rs.next()) {
                            left.add(rs.getLong(1));
                        }
                    }
                    for (long id : left) {
                        try {
                            s.execute("KILL " + id);
                        } catch (SQLException gone) {
                            // ended meanwhile
                        }
                    }
                    s.execute("DROP DATABASE " + schema);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a pool on " + schema, e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The first column of the first row of a query, as a long (counts, sums). */
    long queryLong(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** One statement in its own transaction. @return rows changed */
    int execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row of a query, as text; null when there is no row or no value. */
    String queryString(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every non-null value of every column of a table, as text. */
    java.util.List<String> textValues(String table) {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    String v = rs.getString(i);
                    if (v != null) {
                        values.add(v);
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(table, e);
        }
    }

    int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() throws Exception {
        cleanup.close();
    }

    @Override
    public String toString() {
        return label;
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(MARIADB + "test?user=root&connectTimeout=2000");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
