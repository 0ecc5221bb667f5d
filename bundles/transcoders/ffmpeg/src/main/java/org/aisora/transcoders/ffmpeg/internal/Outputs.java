package org.aisora.transcoders.ffmpeg.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.aisora.api.transcode.TranscodeException;

/**
 * Outputs are written to a hidden temp file beside the target and moved into place once complete, so a
 * failed or interrupted call never leaves a partial rendition or poster where the caller looks.
 */
final class Outputs {
    private Outputs() {
    }

    static Path tempBeside(Path output) throws TranscodeException {
        if (output == null || output.getFileSystem() != FileSystems.getDefault()) {
            throw Codes.failed("the output must be a local file");
        }
        Path target = output.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw Codes.failed("the output directory does not exist: " + dir);
        }
        return dir.resolve("." + UUID.randomUUID() + ".part");
    }

    static void commit(Path temp, Path output) throws TranscodeException {
        try {
            try {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw Codes.failed("cannot move the output into place: " + e.getMessage());
        }
    }

    static void discard(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover hidden .part file is harmless; the failure the caller sees matters more
        }
    }
}
