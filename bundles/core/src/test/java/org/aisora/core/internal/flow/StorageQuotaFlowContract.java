package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.store.MediaRecord;
import org.aisora.core.internal.limits.LimitRefusals;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The plan's max.storage.mb: uploads refused or stopped at the quota, generation refused over it, nothing kept. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageQuotaFlowContract {
    private static final long MIB = 1024 * 1024;

    TestPlatform platform;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("plans",
                new String[] {TestPlatform.UNLIMITED_FREE + ",max.storage.mb:1"}));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private Caller user() {
        return platform.register("s" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    /** What the account already stores: one row of {@code bytes} (the quota counts rows, not files). */
    private void alreadyStores(Caller caller, long bytes) {
        Instant now = Instant.now();
        platform.db.media().insert(new MediaRecord(UUID.randomUUID().toString(), caller.accountId(), null, null,
                "upload", "image/png", bytes, 10, 10, "filesystem", caller.accountId() + "/up/earlier.png",
                "ab".repeat(32), "ready", now, now.plusSeconds(3600)));
    }

    private static byte[] noisePng(int side) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(side, side,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private long spoolFiles() throws Exception {
        Path spool = platform.work.resolve("spool");
        if (!Files.exists(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private long rowsOf(Caller caller) {
        return platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", caller.accountId());
    }

    @Test
    void anUploadWithinTheQuotaIsStored() throws Exception {
        Caller ann = user();
        byte[] png = MediaFlowContract.png(64, 64);
        platform.media.upload(ann, new ByteArrayInputStream(png), "image/png", png.length);
        assertTrue(platform.db.media().bytesUsed(ann.accountId()) >= png.length);
    }

    /** A declared length over what is left is refused before a byte is read; nothing is stored. */
    @Test
    void aDeclaredLengthOverTheRemainingQuotaIsRefusedUnread() throws Exception {
        Caller bob = user();
        alreadyStores(bob, MIB - 1000);
        byte[] png = MediaFlowContract.png(64, 64);
        assertTrue(png.length > 1000);
        long blobs = platform.blobFiles();
        AtomicLong read = new AtomicLong();
        AisoraException e = assertThrows(AisoraException.class, () -> platform.media.upload(bob,
                counting(new ByteArrayInputStream(png), read), "image/png", png.length));
        assertEquals(LimitRefusals.STORAGE_QUOTA_EXCEEDED, e.code());
        assertEquals(413, e.kind().status());
        assertEquals(0, read.get(), "not a byte of the body was read");
        assertEquals(1, rowsOf(bob));
        assertEquals(blobs, platform.blobFiles());
        assertEquals(0, spoolFiles());
    }

    /** A body without a length is stopped at the quota, not at the plan's far larger upload size. */
    @Test
    void aBodyWithoutALengthIsStoppedAtTheQuota() throws Exception {
        Caller carol = user();
        alreadyStores(carol, MIB - 20_000);
        byte[] png = noisePng(400); // about 480 KB of incompressible pixels
        assertTrue(png.length > 200_000, "the body is far larger than what is left: " + png.length);
        long blobs = platform.blobFiles();
        AtomicLong read = new AtomicLong();
        AisoraException e = assertThrows(AisoraException.class, () -> platform.media.upload(carol,
                counting(new ByteArrayInputStream(png), read), "image/png", -1));
        assertEquals(LimitRefusals.STORAGE_QUOTA_EXCEEDED, e.code());
        assertEquals(413, e.kind().status());
        assertTrue(read.get() < 20_000 + 128 * 1024, "stopped near the quota, read " + read.get());
        assertEquals(1, rowsOf(carol));
        assertEquals(blobs, platform.blobFiles());
        assertEquals(0, spoolFiles());
    }

    /** Over the quota, a generation is refused before any credits are held: no job, no ledger entry. */
    @Test
    void aGenerationOverTheQuotaIsRefusedWithoutAHold() {
        Caller dan = user();
        alreadyStores(dan, MIB);
        long entries = platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE ledger_account LIKE ?",
                "%" + dan.accountId() + "%");
        long balance = platform.credits.summary(dan, 0, 1).balance();
        AisoraException e = assertThrows(AisoraException.class, () -> platform.generations.submit(dan,
                new GenerationSubmission("text-to-image", "a cat", null, null, 128, 128, null, 1L, null), null));
        assertEquals(LimitRefusals.STORAGE_QUOTA_EXCEEDED, e.code());
        assertEquals(413, e.kind().status());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", dan.accountId()));
        assertEquals(entries, platform.db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE ledger_account LIKE ?",
                "%" + dan.accountId() + "%"));
        assertEquals(balance, platform.credits.summary(dan, 0, 1).balance());
        assertEquals(0, platform.credits.summary(dan, 0, 1).reserved());
    }

    private static InputStream counting(InputStream in, AtomicLong read) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
    }
}
