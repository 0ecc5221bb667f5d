package org.aisora.providers.stability.internal;

import static org.aisora.providers.stability.internal.Fixtures.KEY;
import static org.aisora.providers.stability.internal.Fixtures.MP4;
import static org.aisora.providers.stability.internal.Fixtures.parts;
import static org.aisora.providers.stability.internal.Fixtures.png;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Image-to-video and creative upscale: started with a POST, then fetched from /v2beta/results/{id}. */
class AsyncGenerationTest {
    private static final String ID = "a6dc6c6e20acda010fe14d71f180658f2896ed9b4ec25aa99a6ff06c796987c4";
    private static final String RESULT = "GET /v2beta/results/" + ID;
    private static final Reply IN_PROGRESS = Reply.json(202, "{\"id\":\"" + ID + "\",\"status\":\"in-progress\"}");
    private final FakeVendor vendor = new FakeVendor();

    AsyncGenerationTest() throws Exception {
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void imageToVideoRunsUntilTheThirdPollBringsTheMp4() throws Exception {
        byte[] frame = png(1024, 576);
        vendor.on("POST /v2beta/image-to-video", Reply.json(200, "{\"id\":\"" + ID + "\"}"));
        vendor.on(RESULT, IN_PROGRESS, IN_PROGRESS,
                Reply.bytes(200, "video/mp4", MP4).withHeader("finish-reason", "SUCCESS"));
        StabilityProvider provider = Fixtures.provider(vendor,
                Map.of("video_cfg_scale", 2.5, "video_motion_bucket_id", 180));

        ProviderTask task = provider.submit(video(frame, 1024, 576, 1024, 576));
        assertEquals(ProviderTask.Status.RUNNING, task.status());
        assertEquals("video-" + ID, task.taskId());
        assertEquals(ProviderTask.Status.RUNNING, provider.poll(task.taskId()).status());
        assertEquals(ProviderTask.Status.RUNNING, provider.poll(task.taskId()).status());
        ProviderTask done = provider.poll(task.taskId());

        assertEquals(ProviderTask.Status.SUCCEEDED, done.status());
        assertEquals("video/mp4", done.outputs().get(0).contentType());
        assertArrayEquals(MP4, Fixtures.bytes(done.outputs().get(0)));
        FakeVendor.Request start = vendor.requests("POST /v2beta/image-to-video").get(0);
        assertEquals("Bearer " + KEY, start.header("Authorization"));
        Map<String, Fixtures.Part> form = parts(start);
        assertArrayEquals(frame, form.get("image").body(), "an accepted frame size goes as it is");
        assertEquals("42", form.get("seed").text());
        assertEquals("2.5", form.get("cfg_scale").text());
        assertEquals("180", form.get("motion_bucket_id").text());
        assertEquals(3, vendor.requests(RESULT).size());
        for (FakeVendor.Request poll : vendor.requests(RESULT)) {
            assertEquals("video/*", poll.header("Accept"));
            assertEquals("Bearer " + KEY, poll.header("Authorization"));
        }
    }

    @Test
    void aFetchedResultIsKeptSoARepeatedPollDoesNotAskStabilityAgain() throws Exception {
        vendor.on(RESULT, Reply.bytes(200, "video/mp4", MP4),
                Reply.json(404, "{\"id\":\"x\",\"name\":\"not_found\",\"errors\":[\"gone\"]}"));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());

        assertEquals(ProviderTask.Status.SUCCEEDED, provider.poll("video-" + ID).status());
        ProviderTask again = provider.poll("video-" + ID);

        assertEquals(ProviderTask.Status.SUCCEEDED, again.status());
        assertArrayEquals(MP4, Fixtures.bytes(again.outputs().get(0)));
        assertEquals(1, vendor.requests(RESULT).size());
        provider.deleteTask("video-" + ID);
        assertEquals(ProviderTask.Status.FAILED, provider.poll("video-" + ID).status(), "deleteTask drops our copy");
    }

    @Test
    void anOddlyShapedInputIsFittedToTheNearestFrameSize() throws Exception {
        vendor.on("POST /v2beta/image-to-video", Reply.json(200, "{\"id\":\"" + ID + "\"}"));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());

        provider.submit(video(png(300, 500), 300, 500, 0, 0));

        byte[] sent = parts(vendor.requests("POST /v2beta/image-to-video").get(0)).get("image").body();
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(sent));
        assertEquals(576, frame.getWidth());
        assertEquals(1024, frame.getHeight());
    }

    @Test
    void upscaleStartsAsyncAndFetchesThePngWithAcceptImage() throws Exception {
        byte[] input = png(32, 32);
        byte[] big = png(128, 128);
        vendor.on("POST /v2beta/stable-image/upscale/creative", Reply.json(200, "{\"id\":\"" + ID + "\"}"));
        vendor.on(RESULT, IN_PROGRESS, Reply.bytes(200, "image/png", big));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());

        ProviderTask task = provider.submit(new GenerationRequest("j", GenerationType.UPSCALE, "", null, 128, 128, 0,
                9, Fixtures.input("image/png", input, 32, 32)));
        assertEquals("upscale-" + ID, task.taskId());
        assertEquals(ProviderTask.Status.RUNNING, provider.poll(task.taskId()).status());
        ProviderTask done = provider.poll(task.taskId());

        assertEquals("image/png", done.outputs().get(0).contentType());
        assertArrayEquals(big, Fixtures.bytes(done.outputs().get(0)));
        Map<String, Fixtures.Part> form = parts(vendor.requests("POST /v2beta/stable-image/upscale/creative").get(0));
        assertArrayEquals(input, form.get("image").body());
        assertEquals(Forms.UPSCALE_PROMPT, form.get("prompt").text(), "Stability requires a prompt");
        assertEquals("png", form.get("output_format").text());
        assertEquals("image/*", vendor.requests(RESULT).get(1).header("Accept"));
    }

    @Test
    void anUnknownIdFailsTheTask() throws Exception {
        vendor.on(RESULT, Reply.json(404, "{\"id\":\"e1\",\"name\":\"not_found\",\"errors\":[\"no result\"]}"));
        ProviderTask task = Fixtures.provider(vendor, Map.of()).poll("upscale-" + ID);
        assertEquals(ProviderTask.Status.FAILED, task.status());
        assertEquals("unknown_task", task.errorCode());
    }

    @Test
    void taskIdsThatAreNotOursNeverReachTheVendor() throws Exception {
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        for (String bad : new String[] {"video-../../v1/user/account", "other-" + ID, "", "image-"}) {
            assertEquals(ProviderTask.Status.FAILED, provider.poll(bad).status(), bad);
        }
        assertEquals(ProviderTask.Status.FAILED, provider.poll("image-3f1c").status(), "sync tasks end in submit");
        assertTrue(vendor.requests().isEmpty());
    }

    @Test
    void moderationDuringTheRunIsAContentPolicyRefusal() {
        vendor.on(RESULT, Reply.json(403, "{\"id\":\"e2\",\"name\":\"content_moderation\",\"errors\":[\"flagged\"]}"));
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        ProviderException e = assertThrows(ProviderException.class, () -> provider.poll("video-" + ID));
        assertEquals(ProviderException.CONTENT_POLICY, e.code());
        assertEquals(PluginHealth.online(), provider.health(), "moderation is not a refused key");
    }

    @Test
    void aContentFilteredClipIsAContentPolicyRefusal() {
        vendor.on(RESULT, Reply.bytes(200, "video/mp4", MP4).withHeader("finish-reason", "CONTENT_FILTERED"));
        ProviderException e = assertThrows(ProviderException.class,
                () -> Fixtures.provider(vendor, Map.of()).poll("video-" + ID));
        assertEquals(ProviderException.CONTENT_POLICY, e.code());
    }

    @Test
    void malformedAnswersAreInvalidOutput() {
        StabilityProvider provider = Fixtures.provider(vendor, Map.of());
        vendor.on("POST /v2beta/image-to-video", Reply.json(200, "{\"status\":\"ok\"}"), Reply.json(200, "not json"),
                Reply.json(200, "{\"id\":\"../../etc\"}"));
        for (int i = 0; i < 3; i++) {
            assertEquals(ProviderException.INVALID_OUTPUT, assertThrows(ProviderException.class,
                    () -> provider.submit(video(png(768, 768), 768, 768, 768, 768))).code());
        }
        vendor.on(RESULT, Reply.json(200, "{\"video\":\"AAAA\",\"finish_reason\":\"SUCCESS\"}"));
        assertEquals(ProviderException.INVALID_OUTPUT,
                assertThrows(ProviderException.class, () -> provider.poll("video-" + ID)).code());
        vendor.on("GET /v2beta/results/other1", Reply.bytes(200, "image/png", png(8, 8)));
        assertEquals(ProviderException.INVALID_OUTPUT, assertThrows(ProviderException.class,
                () -> provider.poll("video-other1")).code(), "an image is no video");
    }

    private static GenerationRequest video(byte[] image, int inW, int inH, int width, int height) {
        return Fixtures.withInput(GenerationType.IMAGE_TO_VIDEO, "", width, height, 4,
                Fixtures.input("image/png", image, inW, inH));
    }
}
