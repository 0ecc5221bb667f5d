package org.aisora.providers.runway.internal;

import static org.aisora.providers.runway.internal.RunwayFixtures.TASK;
import static org.aisora.providers.runway.internal.RunwayFixtures.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runway's videos stream from the CDN into a spool file under the byte cap; nothing is left behind. */
class RunwaySpoolTest {
    private static final long MIB = 1024 * 1024;
    private FakeVendor vendor;
    @TempDir
    Path spool;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private RunwayProvider provider() {
        return new RunwayProvider(config(vendor.baseUrl(), Map.of("spool_dir", spool.toString())));
    }

    private void succeedsWith(String cdnPath) {
        vendor.on("GET /v1/tasks/" + TASK, Reply.json(200, "{\"id\":\"" + TASK + "\",\"status\":\"SUCCEEDED\","
                + "\"output\":[\"" + vendor.baseUrl() + cdnPath + "\"]}"));
    }

    private List<Path> spoolFiles() throws IOException {
        Path dir = spool.resolve("runway");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** 300 MiB from a generator, without a Content-Length: refused at the default cap of 100 MiB. */
    @Test
    void aVideoOverTheCapFailsOutputTooLargeAndLeavesNoFile() throws Exception {
        byte[] head = Arrays.copyOf(RunwayFixtures.mp4(), 4096);
        vendor.on("GET /cdn/huge.mp4", Reply.stream(200, "video/mp4", -1, () -> new Zeros(head, 300 * MIB)));
        succeedsWith("/cdn/huge.mp4");

        ProviderException e = assertThrows(ProviderException.class, () -> provider().poll(TASK));

        assertEquals("output_too_large", e.code());
        assertFalse(e.retryable());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void aVideoUnderTheCapIsAFileWithTheSameBytesUntilClosed() throws Exception {
        byte[] mp4 = RunwayFixtures.mp4();
        vendor.on("GET /cdn/ok.mp4", Reply.bytes(200, "video/mp4", mp4));
        succeedsWith("/cdn/ok.mp4");

        ProviderTask done = provider().poll(TASK);

        GeneratedOutput video = done.outputs().get(0);
        assertEquals(1, spoolFiles().size());
        try (InputStream in = video.open()) {
            assertArrayEquals(mp4, in.readAllBytes());
        }
        assertInstanceOf(AutoCloseable.class, video).close();
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void aDownloadThatIsNotAnMp4IsDeletedAtOnce() throws Exception {
        vendor.on("GET /cdn/page.mp4", Reply.bytes(200, "video/mp4", "<html>no</html>".getBytes()));
        succeedsWith("/cdn/page.mp4");

        assertThrows(ProviderException.class, () -> provider().poll(TASK));

        assertEquals(1, vendor.requests("GET /cdn/page.mp4").size());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void startingTheProviderSweepsLeftOverSpoolFiles() throws Exception {
        Path dir = Files.createDirectories(spool.resolve("runway"));
        Path stale = Files.write(dir.resolve("vendor-9.spool"), new byte[10]);

        provider();

        assertTrue(Files.notExists(stale));
    }

    /** A real MP4's first bytes, then zeros up to {@code length}, made as they are read. */
    private static final class Zeros extends InputStream {
        private final byte[] head;
        private final long length;
        private long position;

        Zeros(byte[] head, long length) {
            this.head = head;
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            Arrays.fill(b, off, off + n, (byte) 0);
            for (int i = 0; i < n && position + i < head.length; i++) {
                b[off + i] = head[(int) (position + i)];
            }
            position += n;
            return n;
        }
    }
}
