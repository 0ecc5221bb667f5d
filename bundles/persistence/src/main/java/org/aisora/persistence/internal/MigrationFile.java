package org.aisora.persistence.internal;

import java.io.Reader;
import java.io.StringReader;
import org.flywaydb.core.api.resource.LoadableResource;

/** One SQL migration, read once from this bundle so Flyway never has to find it on its own. */
final class MigrationFile extends LoadableResource {
    private final String path;
    private final String name;
    private final String sql;

    MigrationFile(String path, String name, String sql) {
        this.path = path;
        this.name = name;
        this.sql = sql;
    }

    @Override
    public Reader read() {
        return new StringReader(sql);
    }

    @Override
    public String getAbsolutePath() {
        return path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
        return path;
    }

    @Override
    public String getFilename() {
        return name;
    }

    // what Flyway records as the script; plain file names, as its own classpath scanner would record them
    @Override
    public String getRelativePath() {
        return name;
    }
}
