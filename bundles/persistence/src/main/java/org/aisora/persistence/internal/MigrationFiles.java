package org.aisora.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migrations named in {@code index.txt}, loaded through one class loader. Flyway's classpath scanning
 * cannot list a bundle's folders reliably inside OSGi, so nothing here is discovered: a file is either
 * in the index or not a migration.
 */
final class MigrationFiles implements ResourceProvider {
    private final List<MigrationFile> files;

    private MigrationFiles(List<MigrationFile> files) {
        this.files = files;
    }

    static MigrationFiles load(ClassLoader loader, String folder) {
        List<MigrationFile> files = read(loader, folder + "index.txt").lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(name -> new MigrationFile(folder + name, name, read(loader, folder + name)))
                .toList();
        return new MigrationFiles(files);
    }

    List<String> names() {
        return files.stream().map(MigrationFile::getFilename).toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return files.stream()
                .filter(f -> f.getRelativePath().equals(name) || f.getAbsolutePath().equals(name))
                .findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return files.stream()
                .filter(f -> f.getFilename().startsWith(prefix))
                .filter(f -> Arrays.stream(suffixes).anyMatch(f.getFilename()::endsWith))
                .map(LoadableResource.class::cast)
                .toList();
    }

    private static String read(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + path + " is not in the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration resource " + path, e);
        }
    }
}
