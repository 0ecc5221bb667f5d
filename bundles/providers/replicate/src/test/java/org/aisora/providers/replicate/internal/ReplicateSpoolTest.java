package org.aisora.providers.replicate.internal;

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
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.OutputSpool;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.Test;

/** Outputs stream to a spool file under a byte cap, and no spool file outlives its use. */
class ReplicateSpoolTest extends ReplicateFixture {
    private static final long MIB = 1024 * 1024;

    private Path spoolDir() {
        return spoolBase.resolve("replicate");
    }

    private List<Path> spoolFiles() throws IOException {
        if (!Files.isDirectory(spoolDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDir())) {
            return files.toList();
        }
    }

    private void succeedsWith(String id, String output) {
        vendor.on("GET /v1/predictions/" + id, Reply.json(200, prediction(id, "succeeded", output, "null")));
    }

    /**
     * 300 MiB served from a generator, chunked (no Content-Length to refuse early): the download stops at the
     * default cap (100 MiB, the core's upload cap), fails output_too_large, and leaves no file. When the
     * server has sent 64 MiB, more than any socket buffers hold, the client must be writing them to a spool
     * file: that file's size at that moment shows the streaming.
     */
    @Test
    void aHugeOutputStopsAtTheCapAsOutputTooLargeAndLeavesNoSpoolFile() throws Exception {
        AtomicLong spooledWhileSending = new AtomicLong(-1);
        vendor.on("GET /files/huge.png", Reply.stream(200, "image/png", -1, () -> new Generated(300 * MIB, 64 * MIB,
                () -> spooledWhileSending.set(spoolFiles().stream().mapToLong(ReplicateSpoolTest::size).sum()))));
        succeedsWith("ph", quoted(vendor.baseUrl() + "/files/huge.png"));

        ProviderException e = assertThrows(ProviderException.class, () -> provider().poll("ph"));

        assertEquals(OutputSpool.OUTPUT_TOO_LARGE, e.code());
        assertFalse(e.retryable(), "the same output would come back");
        assertTrue(spooledWhileSending.get() > 0, "the body was being written to a spool file while it arrived: "
                + spooledWhileSending.get());
        assertEquals(List.of(), spoolFiles(), "the partial file is deleted");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeAnythingIsSpooled() throws Exception {
        AtomicLong spooledWhileSending = new AtomicLong(-1);
        vendor.on("GET /files/declared.png", Reply.stream(200, "image/png", 300 * MIB, () -> new Generated(300 * MIB,
                8 * MIB, () -> spooledWhileSending.set(spoolFiles().size()))));
        succeedsWith("pd", quoted(vendor.baseUrl() + "/files/declared.png"));

        ProviderException e = assertThrows(ProviderException.class, () -> provider().poll("pd"));

        assertEquals(OutputSpool.OUTPUT_TOO_LARGE, e.code());
        assertEquals(List.of(), spoolFiles());
        assertTrue(spooledWhileSending.get() <= 0, "no spool file was opened for a body declared over the cap");
    }

    @Test
    void anOutputUnderTheCapArrivesByteIdenticalFromAFileThatClosingDeletes() throws Exception {
        byte[] png = concat(PNG, new int[0]);
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        System.arraycopy(png, 0, body, 0, png.length);
        vendor.on("GET /files/ok.png", Reply.bytes(200, "image/png", body));
        succeedsWith("po", quoted(vendor.baseUrl() + "/files/ok.png"));

        ProviderTask task = provider().poll("po");

        GeneratedOutput output = task.outputs().get(0);
        assertEquals("image/png", output.contentType());
        assertEquals(1, spoolFiles().size(), "the output is a file in the spool folder, not an array");
        assertEquals(body.length, Files.size(spoolFiles().get(0)));
        assertArrayEquals(body, bytes(task, 0));
        assertArrayEquals(body, bytes(task, 0), "the core may open it more than once");
        assertInstanceOf(AutoCloseable.class, output).close();
        assertEquals(List.of(), spoolFiles(), "closing the output (the core does once stored) deletes its file");
    }

    @Test
    void whenALaterOutputFailsTheFilesAlreadyFetchedAreDeleted() throws Exception {
        vendor.on("GET /files/a.png", Reply.bytes(200, "image/png", PNG));
        vendor.on("GET /files/b.png", Reply.json(404, "{}"));
        succeedsWith("pf", "[" + quoted(vendor.baseUrl() + "/files/a.png") + ","
                + quoted(vendor.baseUrl() + "/files/b.png") + "]");

        ProviderException e = assertThrows(ProviderException.class, () -> provider().poll("pf"));

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertEquals(1, vendor.requests("GET /files/a.png").size());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void startingTheProviderSweepsFilesACrashLeftBehind() throws Exception {
        Files.createDirectories(spoolDir());
        Path stale = Files.write(spoolDir().resolve("vendor-123.spool"), PNG);
        Path foreign = Files.write(spoolDir().resolve("notes.txt"), PNG);

        provider();

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(foreign), "only spool files are swept");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A PNG signature then zeros, produced on the fly; {@code probe} runs once when {@code at} bytes were read. */
    static final class Generated extends InputStream {
        interface Probe {
            void run() throws IOException;
        }

        private final long length;
        private final long at;
        private final Probe probe;
        private long position;

        Generated(long length, long at, Probe probe) {
            this.length = length;
            this.at = at;
            this.probe = probe;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= length) {
                return -1;
            }
            if (position < at && position + len >= at) {
                probe.run();
            }
            int n = (int) Math.min(len, length - position);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            for (int i = 0; i < n && position + i < PNG.length; i++) {
                b[off + i] = PNG[(int) (position + i)];
            }
            position += n;
            return n;
        }
    }
}
