package org.aisora.providers.openai.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.aisora.api.provider.GeneratedOutput;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI's answer (JSON with a base64 image) streams to a spool file under a cap, and the image is decoded
 * from it into a second spool file: neither the JSON nor the base64 text is ever held whole in the heap.
 */
class OpenAiSpoolTest {
    /** For the other tests of this module, so they never write to the shared temp folder. */
    static final Path SHARED_SPOOL = tempDir();
    private static final String GENERATIONS = "POST /v1/images/generations";

    private FakeVendor vendor;
    @TempDir
    Path spool;

    @BeforeEach
    void start() throws IOException {
        vendor = new FakeVendor();
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private OpenAiImagesProvider provider() {
        return OpenAiImagesProviderTest.provider(vendor, Map.of("spool_dir", spool.toString()));
    }

    private static GenerationRequest request() {
        return new GenerationRequest("job-1", GenerationType.TEXT_TO_IMAGE, "a fox", null, 1024, 1024, 0, 1);
    }

    private List<Path> spoolFiles() throws IOException {
        Path dir = spool.resolve("openai");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void theImageIsDecodedIntoASpoolFileWithTheSameBytesAndTheJsonIsGone() throws Exception {
        byte[] png = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        vendor.on(GENERATIONS, Reply.json(200, "{\"created\":1,\"data\":[{\"revised_prompt\":\"x\",\"b64_json\":\""
                + Base64.getEncoder().encodeToString(png) + "\"}]}"));

        GeneratedOutput output = provider().submit(request()).outputs().get(0);

        assertEquals("image/png", output.contentType());
        assertEquals(1, spoolFiles().size(), "one file: the decoded image; the JSON it came in was deleted");
        assertEquals(png.length, Files.size(spoolFiles().get(0)));
        try (InputStream in = output.open()) {
            assertArrayEquals(png, in.readAllBytes());
        }
        assertInstanceOf(AutoCloseable.class, output).close();
        assertEquals(List.of(), spoolFiles());
    }

    /** 80 MiB of base64, chunked: the answer stops at its cap (about 64 MiB) and nothing stays in the spool. */
    @Test
    void anAnswerOverItsCapFailsOutputTooLargeAndLeavesNoFile() throws Exception {
        long size = 80L * 1024 * 1024;
        vendor.on(GENERATIONS, Reply.stream(200, "application/json", -1, () -> json(size)));

        ProviderException e = assertThrows(ProviderException.class, () -> provider().submit(request()));

        assertEquals("output_too_large", e.code());
        assertFalse(e.retryable());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void malformedBase64IsInvalidOutputAndLeavesNoFile() throws Exception {
        vendor.on(GENERATIONS, Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"%%%not base64%%%\"}]}"));

        ProviderException e = assertThrows(ProviderException.class, () -> provider().submit(request()));

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertEquals(List.of(), spoolFiles());
    }

    /** A JSON answer whose base64 string is {@code size} bytes of 'A', made as it is read. */
    private static InputStream json(long size) {
        InputStream body = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(ascii("{\"data\":[{\"b64_json\":\""), body),
                ascii("\"}]}"));
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("openai-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
