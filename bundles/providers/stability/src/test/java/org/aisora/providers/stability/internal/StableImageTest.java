package org.aisora.providers.stability.internal;

import static org.aisora.providers.stability.internal.Fixtures.KEY;
import static org.aisora.providers.stability.internal.Fixtures.parts;
import static org.aisora.providers.stability.internal.Fixtures.png;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synchronous Stable Image calls: the image comes back as the response body (Accept: image/*). */
class StableImageTest {
    private static final String CORE = "POST /v2beta/stable-image/generate/core";
    private final FakeVendor vendor = new FakeVendor();

    StableImageTest() throws Exception {
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void textToImageSendsTheDocumentedFormAndReturnsThePng() throws Exception {
        byte[] image = png(64, 36);
        vendor.on(CORE, Reply.bytes(200, "image/png", image).withHeader("finish-reason", "SUCCESS")
                .withHeader("seed", "1234"));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());

        ProviderTask task = provider.submit(Fixtures.textToImage("a fox in snow", "blurry", 1920, 1080, 1234));

        assertEquals(ProviderTask.Status.SUCCEEDED, task.status());
        assertTrue(task.taskId().startsWith("image-"), task.taskId());
        assertEquals("image/png", task.outputs().get(0).contentType());
        assertArrayEquals(image, Fixtures.bytes(task.outputs().get(0)));
        FakeVendor.Request sent = vendor.requests(CORE).get(0);
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        assertEquals("image/*", sent.header("Accept"));
        Map<String, Fixtures.Part> form = parts(sent);
        assertEquals("a fox in snow", form.get("prompt").text());
        assertEquals("blurry", form.get("negative_prompt").text());
        assertEquals("16:9", form.get("aspect_ratio").text());
        assertEquals("1234", form.get("seed").text());
        assertEquals("png", form.get("output_format").text());
        assertFalse(form.containsKey("mode"));
        assertFalse(form.containsKey("image"));
    }

    @Test
    void theConfiguredEndpointAndSd3ModelAreUsedAndBlankNegativePromptsLeftOut() throws Exception {
        vendor.on("POST /v2beta/stable-image/generate/sd3", Reply.bytes(200, "image/png", png(8, 8)));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of("model", "sd3/sd3.5-large"));

        provider.submit(Fixtures.textToImage("tall tower", " ", 600, 1400, -1));

        Map<String, Fixtures.Part> form = parts(vendor.requests("POST /v2beta/stable-image/generate/sd3").get(0));
        assertEquals("sd3.5-large", form.get("model").text());
        assertEquals("9:21", form.get("aspect_ratio").text());
        assertEquals("4294967294", form.get("seed").text(), "negative seeds wrap into Stability's range");
        assertFalse(form.containsKey("negative_prompt"));
    }

    @Test
    void contentFilteredFinishReasonIsAContentPolicyRefusal() {
        vendor.on(CORE, Reply.bytes(200, "image/png", png(8, 8)).withHeader("finish-reason", "CONTENT_FILTERED"));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());

        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.textToImage("x", null, 512, 512, 1)));
        assertEquals(ProviderException.CONTENT_POLICY, e.code());
        assertFalse(e.retryable());
    }

    @Test
    void imageToImageCarriesImageStrengthAndModeToTheImageEndpoint() throws Exception {
        byte[] input = png(40, 30);
        byte[] result = png(80, 60);
        vendor.on("POST /v2beta/stable-image/generate/sd3", Reply.bytes(200, "image/png", result));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of("strength", 0.35));

        ProviderTask task = provider.submit(Fixtures.withInput(GenerationType.IMAGE_TO_IMAGE, "as watercolour", 40, 30,
                0, Fixtures.input("image/png", input, 40, 30)));

        assertArrayEquals(result, Fixtures.bytes(task.outputs().get(0)));
        assertTrue(vendor.requests(CORE).isEmpty(), "core takes no input image");
        Map<String, Fixtures.Part> form = parts(vendor.requests("POST /v2beta/stable-image/generate/sd3").get(0));
        assertEquals("image-to-image", form.get("mode").text());
        assertEquals("0.35", form.get("strength").text());
        assertEquals("as watercolour", form.get("prompt").text());
        assertArrayEquals(input, form.get("image").body());
        assertEquals("image/png", form.get("image").contentType());
        assertEquals("image.png", form.get("image").filename());
        assertNull(form.get("aspect_ratio"), "the input's shape decides in image-to-image");
    }

    @Test
    void ultraImageToImageSendsNoModeAndTheDefaultStrength() throws Exception {
        vendor.on("POST /v2beta/stable-image/generate/ultra", Reply.bytes(200, "image/png", png(8, 8)));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of("image_model", "ultra"));

        provider.submit(Fixtures.withInput(GenerationType.IMAGE_TO_IMAGE, "p", 8, 8, 0,
                Fixtures.input("image/png", png(8, 8), 8, 8)));

        Map<String, Fixtures.Part> form = parts(vendor.requests("POST /v2beta/stable-image/generate/ultra").get(0));
        assertFalse(form.containsKey("mode"));
        assertEquals("0.6", form.get("strength").text());
    }

    @Test
    void jsonWhereAnImageWasExpectedIsInvalidOutput() {
        vendor.on(CORE, Reply.json(200, "{\"image\":\"aGVsbG8=\",\"finish_reason\":\"SUCCESS\",\"seed\":1}"));
        assertInvalidOutput(Fixtures.provider(vendor, Map.of()));
    }

    @Test
    void garbageBytesAreInvalidOutput() {
        vendor.on(CORE, Reply.bytes(200, "image/png", "definitely not a png".getBytes()));
        assertInvalidOutput(Fixtures.provider(vendor, Map.of()));
    }

    @Test
    void aContentTypeThatContradictsTheBytesIsInvalidOutput() {
        vendor.on(CORE, Reply.bytes(200, "image/jpeg", png(8, 8)));
        assertInvalidOutput(Fixtures.provider(vendor, Map.of()));
    }

    @Test
    void aVideoWhereAnImageWasExpectedIsInvalidOutput() {
        vendor.on(CORE, Reply.bytes(200, "video/mp4", Fixtures.MP4));
        assertInvalidOutput(Fixtures.provider(vendor, Map.of()));
    }

    @Test
    void unsupportedTypesAndSizesAreRefusedWithoutACall() {
        StabilityProvider provider = Fixtures.provider(vendor, Map.of("max_width", 1024));
        assertEquals(ProviderException.INVALID_REQUEST, assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.textToImage("x", null, 1025, 512, 1))).code());
        assertEquals(ProviderException.INVALID_REQUEST, assertThrows(ProviderException.class,
                () -> provider.submit(new org.aisora.api.provider.GenerationRequest("j", GenerationType.TEXT_TO_VIDEO,
                        "x", null, 512, 512, 4, 1))).code());
        assertEquals(ProviderException.INVALID_REQUEST, assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.withInput(GenerationType.IMAGE_TO_IMAGE, "x", 8, 8, 0, null))).code());
        assertEquals(ProviderException.INVALID_REQUEST, assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.withInput(GenerationType.IMAGE_TO_IMAGE, "x", 8, 8, 0,
                        Fixtures.input("image/gif", new byte[] {'G', 'I', 'F'}, 8, 8)))).code());
        assertTrue(vendor.requests().isEmpty());
    }

    private static void assertInvalidOutput(StabilityProvider provider) {
        ProviderException e = assertThrows(ProviderException.class,
                () -> provider.submit(Fixtures.textToImage("x", null, 512, 512, 1)));
        assertEquals(ProviderException.INVALID_OUTPUT, e.code(), e.getMessage());
    }
}
