package org.aisora.core.internal.media.upload;

import static org.aisora.core.internal.media.upload.Corpus.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.aisora.api.error.AisoraException;
import org.junit.jupiter.api.Test;

/**
 * A 1 GB body, generated on demand and never materialised. The memory bound is measured as the bytes
 * this thread allocates while inspecting: a buffered body would allocate at least its own size.
 */
class BoundedMemoryTest {
    private static final long GIGABYTE = 1L << 30;
    private static final long TEN_MB = 10L << 20;
    /** Look-ahead, copy and skip buffers, a few small headers, the refusal: all well under this. */
    private static final long ALLOCATION_BOUND = 1L << 20;

    /** An MP4 whose mdat (64-bit size) runs to exactly {@code length} bytes: valid all the way through. */
    private static byte[] mp4Prefix(long length) {
        byte[] head = concat(Corpus.ftyp("isom"), Corpus.box("moov", new byte[32]));
        byte[] mdat = ByteBuffer.allocate(16).putInt(1).put(Corpus.ascii("mdat")).putLong(length - head.length).array();
        return concat(head, mdat);
    }

    @Test
    void aGigabyteBodyIsRefusedOneBytePastTheCap() {
        Gate.LazyBody body = new Gate.LazyBody(mp4Prefix(GIGABYTE), GIGABYTE);
        UploadLimits limits = new UploadLimits(TEN_MB, 50_000_000L, 16_384, 16_384);

        Gate.CountingSink sink = new Gate.CountingSink();

        long allocated = allocatedBy(
                () -> Gate.refuse(body, "video/mp4", -1, limits, UploadRefusals.TOO_LARGE, 413, sink));

        assertEquals(TEN_MB + 1, body.consumed, "read exactly up to the cap and one byte more");
        assertTrue(sink.count <= TEN_MB, "what reached the sink is a prefix, to be discarded: " + sink.count);
        assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes");
    }

    @Test
    void aDeclaredGigabyteIsRefusedBeforeAnythingIsRead() {
        Gate.LazyBody body = new Gate.LazyBody(mp4Prefix(GIGABYTE), GIGABYTE);
        UploadLimits limits = new UploadLimits(TEN_MB, 50_000_000L, 16_384, 16_384);
        Gate.refuse(body, "video/mp4", GIGABYTE, limits, UploadRefusals.TOO_LARGE, 413);
        assertEquals(0, body.consumed);
    }

    @Test
    void garbageIsRefusedAfterTheLookAheadNotAfterTheBody() {
        Gate.LazyBody body = new Gate.LazyBody(new byte[0], GIGABYTE);
        UploadLimits limits = new UploadLimits(2 * GIGABYTE, 50_000_000L, 16_384, 16_384);
        Gate.refuse(body, null, -1, limits, UploadRefusals.UNSUPPORTED, 415);
        assertEquals(UploadInspector.HEAD_BYTES, body.consumed);
    }

    @Test
    void anAcceptedGigabyteStreamsThroughInConstantMemory() {
        Gate.LazyBody body = new Gate.LazyBody(mp4Prefix(GIGABYTE), GIGABYTE);
        UploadLimits limits = new UploadLimits(2 * GIGABYTE, 50_000_000L, 16_384, 16_384);
        Gate.CountingSink sink = new Gate.CountingSink();
        UploadInspection[] result = new UploadInspection[1];

        long allocated = allocatedBy(() -> result[0] = new UploadInspector().inspect(body, "video/mp4", limits, sink));

        assertEquals(GIGABYTE, result[0].bytes());
        assertEquals(GIGABYTE, sink.count, "every byte reached the sink once");
        assertEquals(MediaFormat.MP4, result[0].format());
        assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes for a 1 GB body");
    }

    @Test
    void anMp4ThatDeclaresMoreThanItHoldsIsTruncatedNotAwaited() {
        // a box claiming 2^62 bytes: read to the real end (bounded by the cap), never allocated
        byte[] prefix = concat(Corpus.ftyp("isom"), Corpus.box("moov", new byte[8]),
                ByteBuffer.allocate(16).putInt(1).put(Corpus.ascii("mdat")).putLong(1L << 62).array());
        Gate.refuse(new Gate.LazyBody(prefix, 1 << 20), "video/mp4", -1, Gate.LIMITS, UploadRefusals.MALFORMED, 422);
    }

    private static long allocatedBy(ThrowingRunnable action) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    @Test
    void theLimitedStreamCountsEveryPathThroughIt() throws IOException {
        LimitedInputStream exact = new LimitedInputStream(new Gate.LazyBody(new byte[0], 100), 100);
        assertEquals(100, exact.transferTo(OutputStream.nullOutputStream()));
        LimitedInputStream over = new LimitedInputStream(new Gate.LazyBody(new byte[0], 101), 100);
        assertThrows(AisoraException.class, () -> over.skip(1_000));
        LimitedInputStream single = new LimitedInputStream(new Gate.LazyBody(new byte[0], 2), 1);
        single.read();
        assertThrows(AisoraException.class, single::read);
    }
}
