package org.aisora.rest.internal.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.rest.internal.app.JsonProvider;
import org.aisora.rest.internal.openai.ImagePlan.ResponseFormat;
import org.junit.jupiter.api.Test;

class ImageRequestsTest {
    private static final Set<String> PROVIDERS = Set.of("builtin", "stability");

    private static ImageRequest request(String model, Integer n, String size, String format) {
        return new ImageRequest(model, "a red kite", n, size, format, "user-1", "hd", "vivid");
    }

    private static OpenAiError refused(ImageRequest request) {
        return assertThrows(OpenAiException.class, () -> ImageRequests.plan(request, PROVIDERS)).error();
    }

    @Test
    void anOpenAiBodyAsTheSdkSendsItBindsWithSnakeCaseAndUnknownFieldsIgnored() throws Exception {
        ImageRequest r = JsonProvider.mapper().readValue("{\"model\":\"dall-e-3\",\"prompt\":\"a red kite\",\"n\":1,"
                + "\"size\":\"512x768\",\"response_format\":\"url\",\"quality\":\"hd\",\"style\":\"natural\","
                + "\"user\":\"u-42\",\"output_format\":\"png\",\"moderation\":\"low\"}", ImageRequest.class);
        assertEquals(new ImageRequest("dall-e-3", "a red kite", 1, "512x768", "url", "u-42", "hd", "natural"), r);
    }

    @Test
    void becomesATextToImageSubmissionWithTheSizeSplit() {
        ImagePlan plan = ImageRequests.plan(request(null, 1, "512x768", "url"), PROVIDERS);
        assertEquals(new GenerationSubmission("text-to-image", "a red kite", null, null, 512, 768, null, null, null),
                plan.submission());
        assertEquals(ResponseFormat.URL, plan.format());
    }

    @Test
    void defaultsAreOneSquareMegapixelAsBase64() {
        ImagePlan plan = ImageRequests.plan(new ImageRequest(null, "p", null, null, null, null, null, null), PROVIDERS);
        assertEquals(1024, plan.submission().width());
        assertEquals(1024, plan.submission().height());
        assertEquals(ResponseFormat.B64_JSON, plan.format());
        assertArrayEquals(new int[] {1024, 1024}, ImageRequests.size("auto"));
        assertArrayEquals(new int[] {1792, 1024}, ImageRequests.size("1792x1024"));
    }

    @Test
    void aModelPinsAProviderOnlyWhenItNamesAnInstalledOne() {
        assertEquals("stability", ImageRequests.plan(request("stability", null, null, null), PROVIDERS)
                .submission().provider());
        assertEquals("builtin", ImageRequests.plan(request(" builtin ", null, null, null), PROVIDERS)
                .submission().provider());
        assertNull(ImageRequests.plan(request("dall-e-3", null, null, null), PROVIDERS).submission().provider());
        assertNull(ImageRequests.plan(request("gpt-image-1", null, null, null), Set.of()).submission().provider());
    }

    @Test
    void onlyOneImagePerRequest() {
        for (int n : new int[] {0, 2, 10, -1}) {
            OpenAiError e = refused(request(null, n, null, null));
            assertEquals(400, e.status());
            assertEquals("n", e.param());
            assertEquals("invalid_n", e.code());
            assertEquals("invalid_request_error", e.type());
            assertFalse(e.retryable());
        }
    }

    @Test
    void aSizeThatIsNotWidthByHeightIsRefusedBeforeTheCoreSeesIt() {
        for (String size : new String[] {"1024", "1024x", "x1024", "axb", "1024*1024", "1024x1024x3", "-64x64",
            "123456x1"}) {
            OpenAiError e = refused(request(null, null, size, null));
            assertEquals(400, e.status(), size);
            assertEquals("size", e.param(), size);
            assertEquals("invalid_size", e.code(), size);
        }
    }

    @Test
    void onlyTheTwoOpenAiResponseFormats() {
        assertEquals(ResponseFormat.B64_JSON, ImageRequests.format("b64_json"));
        assertEquals(ResponseFormat.URL, ImageRequests.format("url"));
        OpenAiError e = refused(request(null, null, null, "png"));
        assertEquals("response_format", e.param());
        assertEquals("invalid_response_format", e.code());
    }

    @Test
    void noBodyIsABadRequest() {
        OpenAiError e = assertThrows(OpenAiException.class, () -> ImageRequests.plan(null, PROVIDERS)).error();
        assertEquals(400, e.status());
        assertEquals("missing_body", e.code());
    }
}
