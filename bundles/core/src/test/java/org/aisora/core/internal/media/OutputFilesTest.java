package org.aisora.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scratch copies of outputs: capped while copied, released outputs closed, stale ones swept. */
class OutputFilesTest {
    private static final OutputLimits LIMITS = new OutputLimits(1000, 64_000_000, 16384, 4096, 600, 4);

    @TempDir
    Path dir;

    @Test
    void anOutputOverUploadMaxBytesFailsOutputTooLargeAndLeavesNoScratchFile() throws Exception {
        ProviderException e = assertThrows(ProviderException.class,
                () -> OutputFiles.copy(GeneratedOutput.ofBytes("image/png", new byte[1001]), LIMITS, ".png", dir));
        assertEquals("output_too_large", e.code());
        assertEquals(0, scratchFiles(dir), "the partial copy is deleted");

        Path ok = OutputFiles.copy(GeneratedOutput.ofBytes("image/png", new byte[1000]), LIMITS, ".png", dir);
        assertEquals(1000, Files.size(ok), "exactly the cap is accepted");
    }

    @Test
    void releasingOutputsClosesThoseBackedByAFile() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        class FileBacked implements GeneratedOutput, AutoCloseable {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public InputStream open() {
                return InputStream.nullInputStream();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }
        MediaWriter.release(java.util.List.of(GeneratedOutput.ofBytes("image/png", new byte[1]), new FileBacked()));
        assertTrue(closed.get());
    }

    @Test
    void theStartUpSweepDeletesOnlyOldScratchFiles() throws Exception {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        Path old = Files.write(dir.resolve(OutputFiles.PREFIX + "123.mp4"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(2))));
        Path fresh = Files.write(dir.resolve(OutputFiles.PREFIX + "456.png"), new byte[] {2});
        Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(5))));
        Path other = Files.write(dir.resolve("someone-else.tmp"), new byte[] {3});
        Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(2))));

        assertEquals(1, OutputFiles.sweepStale(dir, Duration.ofHours(1), now));

        assertFalse(Files.exists(old));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(fresh), "may belong to a job storing right now");
        assertTrue(Files.exists(other));
    }

    private static long scratchFiles(Path dir) throws Exception {
        try (var files = Files.newDirectoryStream(dir, OutputFiles.PREFIX + "*")) {
            long n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        }
    }
}
