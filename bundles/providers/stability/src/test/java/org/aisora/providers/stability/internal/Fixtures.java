package org.aisora.providers.stability.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.testing.Configs;
import org.aisora.providers.support.testing.FakeVendor;

/** Shared test material: providers pointed at a FakeVendor, real PNGs, a minimal MP4 and a multipart reader. */
final class Fixtures {
    static final String KEY = "sk-test-123";
    static final byte[] MP4 = concat(new byte[] {0, 0, 0, 0x18}, "ftypisom".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 2, 0}, "isomiso2mp41".getBytes(StandardCharsets.US_ASCII), new byte[64]);

    /** One spool folder for this module's tests, so they never write to the shared temp folder. */
    static final java.nio.file.Path SPOOL = tempDir();

    private Fixtures() {
    }

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("stability-spool");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A spooled output holding {@code bytes}, as a download would leave it. */
    static org.aisora.providers.support.SpooledOutput spooled(byte[] bytes) throws Exception {
        return new org.aisora.providers.support.OutputSpool(SPOOL.resolve("cache-test"))
                .copy("test", new ByteArrayInputStream(bytes), Long.MAX_VALUE).typed("image/png");
    }

    static StabilityProvider provider(FakeVendor vendor, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", KEY, "base_url", vendor.baseUrl(),
                "request_timeout_ms", 5_000, "spool_dir", SPOOL.toString()));
        values.putAll(extra);
        return new StabilityProvider(Configs.of(StabilityConfig.class, values));
    }

    static StabilityConfig config(Map<String, Object> values) {
        return Configs.of(StabilityConfig.class, values);
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(x % 256, y % 256, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static MediaInput input(String contentType, byte[] bytes, int width, int height) {
        return new MediaInput() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    static GenerationRequest textToImage(String prompt, String negative, int width, int height, long seed) {
        return new GenerationRequest("job-1", GenerationType.TEXT_TO_IMAGE, prompt, negative, width, height, 0, seed);
    }

    static GenerationRequest withInput(GenerationType type, String prompt, int width, int height, int seconds,
                                       MediaInput input) {
        return new GenerationRequest("job-2", type, prompt, null, width, height, seconds, 42, input);
    }

    static byte[] bytes(org.aisora.api.provider.GeneratedOutput output) throws IOException {
        try (InputStream in = output.open()) {
            return in.readAllBytes();
        }
    }

    /** One part of a multipart/form-data body as the vendor would read it. */
    record Part(String filename, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Parses the recorded body with the boundary from its Content-Type header, as a server would. */
    static Map<String, Part> parts(FakeVendor.Request request) {
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
            throw new AssertionError("not multipart/form-data: " + type);
        }
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String delimiter = "--" + type.substring(type.indexOf('=') + 1);
        if (!body.endsWith(delimiter + "--\r\n")) {
            throw new AssertionError("multipart body is not closed");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String chunk : body.substring(0, body.length() - delimiter.length() - 4).split(delimiter + "\r\n")) {
            if (chunk.isEmpty()) {
                continue;
            }
            int headEnd = chunk.indexOf("\r\n\r\n");
            String head = chunk.substring(0, headEnd);
            String content = chunk.substring(headEnd + 4, chunk.length() - 2);
            String name = between(head, "name=\"", "\"");
            String filename = head.contains("filename=\"") ? between(head, "filename=\"", "\"") : null;
            String partType = head.contains("Content-Type: ") ? between(head, "Content-Type: ", "\r\n") : null;
            parts.put(name, new Part(filename, partType, content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }

    private static String between(String s, String start, String end) {
        int from = s.indexOf(start) + start.length();
        int to = s.indexOf(end, from);
        return s.substring(from, to < 0 ? s.length() : to);
    }

    static byte[] concat(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }
}
