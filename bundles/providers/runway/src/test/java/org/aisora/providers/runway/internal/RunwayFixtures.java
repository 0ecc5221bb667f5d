package org.aisora.providers.runway.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.testing.Configs;

/** Requests, an input image, a real MP4 and configurations pointing at a FakeVendor. */
final class RunwayFixtures {
    static final String KEY = "key_0123456789abcdef";
    static final String TASK = "17f20503-6c24-4c16-946b-35dbbce2af2f";
    /** One spool folder for the tests of this module, so they never write to the shared temp folder. */
    static final java.nio.file.Path SPOOL = tempDir();

    private RunwayFixtures() {
    }

    static RunwayProviderConfig config(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("_api_key", KEY, "base_url", baseUrl,
                "allowed_output_hosts", "127.0.0.1", "allow_http_outputs", true, "request_timeout_ms", 3000,
                "download_timeout_ms", 3000, "connect_timeout_ms", 2000, "spool_dir", SPOOL.toString()));
        values.putAll(overrides);
        return Configs.of(RunwayProviderConfig.class, values);
    }

    private static java.nio.file.Path tempDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("runway-spool");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GenerationRequest imageToVideo(int width, int height, int seconds, long seed) {
        return new GenerationRequest("job-1", GenerationType.IMAGE_TO_VIDEO, "the fox turns its head", null, width,
                height, seconds, seed, png());
    }

    static GenerationRequest textToVideo(int width, int height, int seconds) {
        return new GenerationRequest("job-2", GenerationType.TEXT_TO_VIDEO, "waves at dawn", null, width, height,
                seconds, 42);
    }

    /** A small real MP4 (H.264, 2 s) from the api test-jar's transcoder fixtures. */
    static byte[] mp4() {
        try (InputStream in = RunwayFixtures.class.getResourceAsStream(
                "/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pngBytes() {
        BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static MediaInput png() {
        return image("image/png", pngBytes());
    }

    static MediaInput image(String contentType, byte[] bytes) {
        return new MediaInput() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public int width() {
                return 16;
            }

            @Override
            public int height() {
                return 9;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
