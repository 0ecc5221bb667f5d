package org.aisora.persistence.internal;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the current schema; the one code path for OSGi and for the unit tests. */
final class Migrations {
    static final String FOLDER = "db/migration/";

    private Migrations() {
    }

    static MigrateResult migrate(DataSource dataSource) {
        return flyway(dataSource).migrate();
    }

    static Flyway flyway(DataSource dataSource) {
        // Flyway's own loader: its database plugins (the flyway-mysql fragment included) are found by
        // ServiceLoader there; the SQL files come from this bundle's loader through MigrationFiles
        return Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(MigrationFiles.load(Migrations.class.getClassLoader(), FOLDER))
                .javaMigrationClassProvider(List::of)
                .cleanDisabled(true)
                .load();
    }
}
