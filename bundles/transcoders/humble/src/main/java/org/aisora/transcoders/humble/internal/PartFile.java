package org.aisora.transcoders.humble.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A temporary file beside an output; it replaces the output on commit and is deleted otherwise. */
final class PartFile implements AutoCloseable {
    private final Path part;
    private final Path target;
    private boolean committed;

    private PartFile(Path part, Path target) {
        this.part = part;
        this.target = target;
    }

    static PartFile beside(Path output) throws IOException {
        Path target = output.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        return new PartFile(Files.createTempFile(dir, "." + target.getFileName() + ".", ".part"), target);
    }

    Path path() {
        return part;
    }

    void commit() throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(part);
        }
    }
}
