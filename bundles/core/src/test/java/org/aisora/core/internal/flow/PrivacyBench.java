package org.aisora.core.internal.flow;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.aisora.api.service.Caller;
import org.aisora.api.service.DeletionReceiptView;
import org.aisora.api.service.Registration;
import org.aisora.api.storage.BlobInfo;
import org.aisora.api.store.MediaRecord;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test: export and deletion of one account holding N media items (encrypted blobs of
 * the filesystem store, with their rows), the figures DESIGN.md sets targets for (1,000 media: export <= 10 s,
 * deletion <= 5 s). Surefire's default includes skip it; {@code bench/privacy/run.sh} runs it by name.
 * Properties: bench.db (h2|mariadb), bench.items (1000), bench.kib (size of each item, 64), bench.out.
 */
final class PrivacyBench {
    @Test
    void exportAndDeleteOneAccount() throws Exception {
        boolean maria = "mariadb".equals(System.getProperty("bench.db", "h2"));
        int items = Integer.getInteger("bench.items", 1000);
        int kib = Integer.getInteger("bench.kib", 64);
        String line;
        try (TestPlatform platform = new TestPlatform(maria ? TestStores.mariaDb() : TestStores.h2(), Map.of())) {
            PrivacyPlatform privacy = new PrivacyPlatform(platform);
            String email = "bench" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            platform.accounts.register(new Registration("Bench User", email, null, PrivacyPlatform.PASSWORD,
                    "1990-01-01", TestPlatform.POLICY), PrivacyPlatform.CLIENT);
            Caller caller = platform.accounts.authenticate(platform.accounts.login(email, PrivacyPlatform.PASSWORD,
                    PrivacyPlatform.CLIENT).token()).orElseThrow();
            byte[] bytes = new byte[kib * 1024];
            new Random(7).nextBytes(bytes);
            Instant now = Instant.now();
            List<MediaRecord> rows = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                String id = UUID.randomUUID().toString();
                BlobInfo blob = platform.storage.put(caller.accountId() + "/" + id, new ByteArrayInputStream(bytes),
                        "image/png");
                rows.add(new MediaRecord(id, caller.accountId(), null, null, "upload", "image/png", bytes.length, 64, 64,
                        blob.storeId(), blob.key(), blob.sha256(), "ready", now, now.plus(Duration.ofDays(7))));
            }
            platform.db.media().insertAll(rows);

            long[] written = new long[1];
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    written[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    written[0] += len;
                }
            };
            long t0 = System.nanoTime();
            privacy.privacy.export(caller, sink, PrivacyPlatform.CLIENT);
            double export = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            DeletionReceiptView receipt = privacy.privacy.deleteAccount(caller, PrivacyPlatform.PASSWORD, null,
                    PrivacyPlatform.CLIENT);
            double deletion = (System.nanoTime() - t1) / 1e9;
            if (receipt.counts().getOrDefault("media", 0L) != items) {
                throw new AssertionError("deleted " + receipt.counts());
            }
            line = String.format("privacy %s: %,d media of %d KiB: export %.2f s (%,d MB ZIP), deletion %.2f s%n",
                    maria ? "MariaDB" : "H2", items, kib, export, written[0] >> 20, deletion);
        }
        System.out.print(line);
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), line);
        }
    }
}
