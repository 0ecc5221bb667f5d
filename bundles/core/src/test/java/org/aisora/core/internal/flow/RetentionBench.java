package org.aisora.core.internal.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aisora.api.service.SweepReport;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.TestConfig;
import org.aisora.core.internal.limits.PlanCatalog;
import org.aisora.core.internal.retention.RetentionConfiguration;
import org.aisora.core.internal.retention.RetentionSweeper;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test: the retention sweep over N expired artifacts (media rows and their blob
 * files in the filesystem store), next to the crudest way to delete the same set (one SQL DELETE, then
 * unlinking the files), in one run. Surefire's default includes skip it; {@code bench/retention/run.sh}
 * runs it by name. Properties: bench.db (h2|mariadb), bench.items (100000), bench.batch (500),
 * bench.out (a file for the result lines).
 */
final class RetentionBench {
    @Test
    void sweepAgainstRawDelete() throws Exception {
        boolean maria = "mariadb".equals(System.getProperty("bench.db", "h2"));
        int items = Integer.getInteger("bench.items", 100_000);
        int batch = Integer.getInteger("bench.batch", 500);
        StringBuilder out = new StringBuilder();
        try (TestPlatform platform = new TestPlatform(maria ? TestStores.mariaDb() : TestStores.h2(), Map.of())) {
            MutableClock clock = new MutableClock(Instant.now());
            RetentionSweeper sweeper = new RetentionSweeper(platform.db.retention(), platform.db.usage(),
                    platform.registry, platform.vendorQueue,
                    TestConfig.of(RetentionConfiguration.class, Map.of("retention_batch", batch)),
                    TestConfig.plans(Map.of("plans", new String[] {TestPlatform.UNLIMITED_FREE, PlanCatalog.PRO_LINE})),
                    clock, null);

            seed(platform, items, "sweep");
            long t0 = System.nanoTime();
            SweepReport report = sweeper.run(false);
            double sweep = (System.nanoTime() - t0) / 1e9;
            check(report.total() >= items, "swept " + report.total() + " of " + items);
            check(platform.blobFiles() == 0, "blobs left after the sweep: " + platform.blobFiles());

            List<Path> files = seed(platform, items, "raw");
            long t1 = System.nanoTime();
            long rows = platform.db.queryLong("SELECT COUNT(*) FROM media WHERE expires_at <= ?",
                    Instant.now().toEpochMilli());
            try (var c = platform.db.dataSource().getConnection(); var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM media WHERE expires_at <= " + Instant.now().toEpochMilli());
            }
            for (Path f : files) {
                Files.delete(f);
            }
            double raw = (System.nanoTime() - t1) / 1e9;
            check(rows == items, "raw set " + rows);
            out.append(String.format("retention sweep %s: %,d artifacts (rows + blob files), batch %d: sweep %.1f s"
                            + " (%,.0f/s); raw DELETE + unlink of the same set %.1f s (%,.0f/s); sweep/raw %.1fx%n",
                    maria ? "MariaDB" : "H2", items, batch, sweep, items / sweep, raw, items / raw, sweep / raw));
        }
        System.out.print(out);
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), out);
        }
    }

    /** Expired upload rows and their blob files, written straight to the store's folder (the sweep only unlinks). */
    private static List<Path> seed(TestPlatform platform, int items, String tag) throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(40));
        String owner = UUID.randomUUID().toString();
        List<Path> files = new ArrayList<>(items);
        List<MediaRecord> rows = new ArrayList<>(1000);
        byte[] bytes = new byte[1024];
        for (int i = 0; i < items; i++) {
            String id = UUID.randomUUID().toString();
            String key = owner + "/" + tag + "/" + id.substring(0, 2) + "/" + id;
            Path file = platform.blobs.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            files.add(file);
            rows.add(new MediaRecord(id, owner, null, null, "upload", "image/png", bytes.length, 1, 1,
                    platform.storage.id(), key, "0", "ready", past, past.plus(Duration.ofDays(7))));
            if (rows.size() == 1000) {
                platform.db.media().insertAll(rows);
                rows.clear();
            }
        }
        platform.db.media().insertAll(rows);
        return files;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
