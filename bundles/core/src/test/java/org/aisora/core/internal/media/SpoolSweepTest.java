package org.aisora.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolSweepTest {
    @Test
    void startUpDeletesOnlyStaleUploadSpools(@TempDir Path spool) throws IOException {
        Instant now = Instant.now();
        Path stale = Files.write(spool.resolve("upload-1.part"), new byte[1000]);
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofHours(2))));
        Path live = Files.write(spool.resolve("upload-2.part"), new byte[10]);
        Path other = Files.write(spool.resolve("keep.bin"), new byte[10]);
        Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofHours(2))));

        assertEquals(1, MediaUploads.sweepStale(spool, now.minus(Duration.ofMinutes(1))));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live), "a request being served keeps its spool");
        assertTrue(Files.exists(other), "only upload spools are ours to delete");
        assertEquals(0, MediaUploads.sweepStale(spool.resolve("missing"), now));
    }
}
