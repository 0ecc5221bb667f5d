package org.aisora.rest.internal.http;

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

class TempSweeperTest {
    @Test
    void staleCxfRequestCachesGoAndEverythingElseStays(@TempDir Path tmp) throws IOException {
        Instant old = Instant.now().minus(Duration.ofHours(1));
        Path cache = Files.createDirectories(tmp.resolve("cxf-tmp-123"));
        Path stale = Files.write(cache.resolve("cos456tmp"), new byte[4096]);
        Files.setLastModifiedTime(stale, FileTime.from(old));
        Path live = Files.write(cache.resolve("cos789tmp"), new byte[16]);
        Path jar = Files.write(tmp.resolve("1234-ffmpeg.jar"), new byte[16]);
        Files.setLastModifiedTime(jar, FileTime.from(old));

        assertEquals(1, TempSweeper.sweep(tmp, Instant.now().minus(TempSweeper.MIN_AGE)));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live), "a request being served keeps its cache");
        assertTrue(Files.exists(jar), "Karaf's own temp files are not ours");
    }
}
