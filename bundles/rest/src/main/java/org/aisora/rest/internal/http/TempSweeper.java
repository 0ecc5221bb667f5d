package org.aisora.rest.internal.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up removes what an earlier run of CXF left in the temp folder ({@code cxf-tmp-*} with its
 * {@code cos*tmp} request caches): a crash or a kill leaves them behind, and nothing else ever
 * deletes them. Only files older than a minute go, so a request being served right now keeps its own.
 */
@Component(immediate = true)
public final class TempSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(TempSweeper.class);
    static final Duration MIN_AGE = Duration.ofMinutes(1);

    @Activate
    public TempSweeper() {
        int removed = sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now().minus(MIN_AGE));
        if (removed > 0) {
            LOG.info("removed {} stale request cache files from the temp folder", removed);
        }
    }

    /** @return how many files were deleted from the {@code cxf-tmp-*} folders under {@code tmp} */
    static int sweep(Path tmp, Instant olderThan) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "cxf-tmp-*")) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(olderThan)
                                && Files.deleteIfExists(f)) {
                            removed++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("could not sweep stale request caches in {}: {}", tmp, e.toString());
        }
        return removed;
    }
}
