package org.aisora.providers.stability.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stability answers with the image itself: it streams to a spool file under the cap, never into the heap. */
class StabilitySpoolTest {
    private static final String CORE = "POST /v2beta/stable-image/generate/core";
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

    private StabilityProvider provider() {
        return Fixtures.provider(vendor, Map.of("spool_dir", spool.toString()));
    }

    private List<Path> spoolFiles() throws IOException {
        Path dir = spool.resolve("stability");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** 80 MiB from a generator, chunked: stopped at the 64 MiB cap, output_too_large, no file left. */
    @Test
    void anImageOverTheCapFailsOutputTooLargeAndLeavesNoFile() throws Exception {
        byte[] head = Fixtures.png(8, 8);
        long length = 80L * 1024 * 1024;
        vendor.on(CORE, Reply.stream(200, "image/png", -1, () -> new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < length ? (position < head.length ? head[(int) position++] & 0xff : zero()) : -1;
            }

            private int zero() {
                position++;
                return 0;
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
        }));

        ProviderException e = assertThrows(ProviderException.class,
                () -> provider().submit(Fixtures.textToImage("a fox", null, 512, 512, 1)));

        assertEquals("output_too_large", e.code());
        assertFalse(e.retryable());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void anImageUnderTheCapIsASpoolFileWithTheSameBytesUntilReleased() throws Exception {
        byte[] png = Fixtures.png(40, 30);
        vendor.on(CORE, Reply.bytes(200, "image/png", png).withHeader("finish-reason", "SUCCESS"));

        GeneratedOutput output = provider().submit(Fixtures.textToImage("a fox", null, 512, 512, 1)).outputs().get(0);

        assertEquals("image/png", output.contentType());
        assertEquals(1, spoolFiles().size());
        try (InputStream in = output.open()) {
            assertArrayEquals(png, in.readAllBytes());
        }
        assertInstanceOf(AutoCloseable.class, output).close();
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void aFilteredAnswerIsDeletedAtOnce() throws Exception {
        vendor.on(CORE, Reply.bytes(200, "image/png", Fixtures.png(8, 8)).withHeader("finish-reason",
                "CONTENT_FILTERED"));

        ProviderException e = assertThrows(ProviderException.class,
                () -> provider().submit(Fixtures.textToImage("x", null, 512, 512, 1)));

        assertEquals(ProviderException.CONTENT_POLICY, e.code());
        assertEquals(List.of(), spoolFiles());
    }
}
