package org.aisora.providers.replicate.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.testing.Configs;
import org.aisora.providers.support.testing.FakeVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A FakeVendor speaking Replicate's predictions API on loopback, and a provider configured against it. */
abstract class ReplicateFixture {
    static final String KEY = "r8_test_token";
    static final String FLUX = "/v1/models/black-forest-labs/flux-schnell/predictions";
    static final String VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
    static final byte[] PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 1, 2, 3);
    static final byte[] MP4 = concat(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 9, 9);

    FakeVendor vendor;
    @TempDir
    Path spoolBase;

    @BeforeEach
    void startVendor() throws Exception {
        vendor = new FakeVendor();
    }

    @AfterEach
    void stopVendor() {
        vendor.close();
    }

    /** The test configuration: loopback allowed over http, as the real defaults would refuse it. */
    Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("_api_key", KEY);
        s.put("base_url", vendor.baseUrl());
        s.put("models", new String[] {"text-to-image=black-forest-labs/flux-schnell",
                "image-to-video=acme/animate:" + VERSION, "upscale=acme/upscaler"});
        s.put("image_fields", new String[] {"image-to-video=start_image"});
        s.put("allowed_output_hosts", new String[] {"127.0.0.1"});
        s.put("allow_http_outputs", true);
        s.put("request_timeout_ms", 2000);
        s.put("spool_dir", spoolBase.toString());
        return s;
    }

    ReplicateProvider provider() {
        return provider(settings());
    }

    static ReplicateProvider provider(Map<String, Object> settings) {
        return new ReplicateProvider(Configs.of(ReplicateConfig.class, settings));
    }

    static GenerationRequest textToImage(String prompt) {
        return new GenerationRequest("job-1", GenerationType.TEXT_TO_IMAGE, prompt, null, 1024, 768, 0, 42);
    }

    /** A prediction object as Replicate returns it; {@code output} is raw JSON (a string, array or null). */
    static String prediction(String id, String status, String output, String error) {
        return "{\"id\":\"" + id + "\",\"model\":\"black-forest-labs/flux-schnell\",\"status\":\"" + status
                + "\",\"input\":{\"prompt\":\"a fox\"},\"output\":" + output + ",\"error\":" + error
                + ",\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id
                + "\",\"cancel\":\"https://api.replicate.com/v1/predictions/" + id + "/cancel\"}}";
    }

    static String quoted(String s) {
        return "\"" + s + "\"";
    }

    static byte[] bytes(ProviderTask task, int index) throws Exception {
        try (InputStream in = task.outputs().get(index).open()) {
            return in.readAllBytes();
        }
    }

    static MediaInput image(byte[] bytes) {
        return new MediaInput() {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public int width() {
                return 64;
            }

            @Override
            public int height() {
                return 64;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    static byte[] concat(byte[] head, int... tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            out[head.length + i] = (byte) tail[i];
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
