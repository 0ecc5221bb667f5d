package org.aisora.providers.replicate.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ProviderTask.Status;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.aisora.providers.support.testing.FakeVendor.Request;
import org.junit.jupiter.api.Test;

/** The prediction lifecycle against Replicate's documented contract, on a loopback FakeVendor. */
class ReplicatePredictionTest extends ReplicateFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void preferWaitAnswersInTheCreateCallAndTheOutputIsCopiedAtOnce() throws Exception {
        Map<String, Object> s = settings();
        s.put("wait_seconds", 5);
        vendor.on("POST " + FLUX, Reply.json(201, prediction("p1", "succeeded",
                "[" + quoted(vendor.baseUrl() + "/files/p1/out-0.png") + "]", "null")));
        vendor.on("GET /files/p1/out-0.png", Reply.bytes(200, "image/png", PNG));

        ProviderTask task = provider(s).submit(textToImage("a red fox"));

        assertEquals("p1", task.taskId());
        assertEquals(Status.SUCCEEDED, task.status());
        assertEquals(1, task.outputs().size());
        assertEquals("image/png", task.outputs().get(0).contentType());
        assertArrayEquals(PNG, bytes(task, 0));
        Request create = vendor.requests("POST " + FLUX).get(0);
        assertEquals("Bearer " + KEY, create.header("Authorization"));
        assertEquals("wait=5", create.header("Prefer"));
        assertTrue(create.header("Content-Type").startsWith("application/json"));
        JsonNode body = JSON.readTree(create.body());
        assertFalse(body.has("version"), "an official model is run by name, not by version");
        assertEquals("a red fox", body.at("/input/prompt").asText());
        assertEquals(1024, body.at("/input/width").asInt());
        assertEquals(768, body.at("/input/height").asInt());
        assertEquals(42, body.at("/input/seed").asLong());
        assertEquals(1, vendor.requests("GET /files/p1/out-0.png").size());
        assertEquals(2, vendor.requests().size(), "no poll is needed after a finished create");
    }

    @Test
    void aPredictionGoesStartingProcessingSucceededOverSeveralPolls() throws Exception {
        vendor.on("POST " + FLUX, Reply.json(201, prediction("p2", "starting", "null", "null")));
        vendor.on("GET /v1/predictions/p2",
                Reply.json(200, prediction("p2", "processing", "null", "null")),
                Reply.json(200, prediction("p2", "processing", "null", "null")),
                Reply.json(200, prediction("p2", "succeeded", quoted(vendor.baseUrl() + "/files/p2.mp4"), "null")));
        vendor.on("GET /files/p2.mp4", Reply.bytes(200, "video/mp4", MP4));
        ReplicateProvider provider = provider();

        ProviderTask created = provider.submit(textToImage("waves"));
        assertEquals(Status.RUNNING, created.status());
        assertNull(vendor.requests("POST " + FLUX).get(0).header("Prefer"), "wait.seconds 0 sends no Prefer");
        // Replicate keeps the prediction: another run (a node taking the job over) polls it by its id
        ReplicateProvider otherNode = provider();
        assertTrue(otherNode.resumable(created.taskId()));
        assertEquals(Status.RUNNING, otherNode.poll("p2").status());
        assertEquals(Status.RUNNING, provider.poll("p2").status());
        assertTrue(vendor.requests("GET /files").isEmpty(), "nothing to download before success");
        ProviderTask done = provider.poll("p2");

        assertEquals(Status.SUCCEEDED, done.status());
        assertEquals("video/mp4", done.outputs().get(0).contentType());
        assertArrayEquals(MP4, bytes(done, 0));
        assertEquals(3, vendor.requests("GET /v1/predictions/p2").size());
        assertEquals(1, vendor.requests("POST " + FLUX).size(), "polled from two runs, created once");
        assertEquals("Bearer " + KEY, vendor.requests("GET /v1/predictions/p2").get(2).header("Authorization"));
    }

    @Test
    void aPinnedVersionGoesToThePredictionsEndpointWithTheImageAsADataUri() throws Exception {
        vendor.on("POST /v1/predictions", Reply.json(201, prediction("p3", "starting", "null", "null")));
        byte[] upload = concat(PNG, 7, 7, 7);
        GenerationRequest request = new GenerationRequest("job-3", GenerationType.IMAGE_TO_VIDEO, "make it move",
                "blurry", 512, 512, 5, 1L << 40, image(upload));

        assertEquals(Status.RUNNING, provider().submit(request).status());

        JsonNode body = JSON.readTree(vendor.requests("POST /v1/predictions").get(0).body());
        assertEquals(VERSION, body.path("version").asText());
        assertEquals("data:image/png;base64," + Base64.getEncoder().encodeToString(upload),
                body.at("/input/start_image").asText());
        assertFalse(body.path("input").has("image"), "the configured field name replaces the default");
        assertEquals("blurry", body.at("/input/negative_prompt").asText());
        assertEquals(5, body.at("/input/duration").asInt());
        long seed = body.at("/input/seed").asLong();
        assertTrue(seed >= 0 && seed <= Integer.MAX_VALUE, "seed folded into 32 bits: " + seed);
    }

    @Test
    void aFailedPredictionIsProviderFailedAndAnNsfwOneIsAContentPolicyRefusal() throws Exception {
        vendor.on("GET /v1/predictions/p4", Reply.json(200, prediction("p4", "failed", "null",
                quoted("CUDA out of memory while rendering 'secret prompt'"))));
        vendor.on("GET /v1/predictions/p5", Reply.json(200, prediction("p5", "failed", "null",
                quoted("NSFW content detected. Try running it again, or try a different prompt."))));
        ReplicateProvider provider = provider();

        ProviderTask failed = provider.poll("p4");
        assertEquals(Status.FAILED, failed.status());
        assertEquals("provider_failed", failed.errorCode());
        assertFalse(failed.errorMessage().contains("secret prompt"), "vendor error text may quote the prompt");
        ProviderTask refused = provider.poll("p5");
        assertEquals(Status.FAILED, refused.status());
        assertEquals(ProviderException.CONTENT_POLICY, refused.errorCode());
    }

    @Test
    void aCanceledPredictionIsCanceled() throws Exception {
        vendor.on("GET /v1/predictions/p6", Reply.json(200, prediction("p6", "canceled", "null", "null")));
        ProviderTask task = provider().poll("p6");
        assertEquals(Status.CANCELED, task.status());
        assertTrue(task.outputs().isEmpty());
    }

    @Test
    void cancelPostsToThePredictionsCancelEndpoint() throws Exception {
        vendor.on("POST /v1/predictions/p7/cancel", Reply.json(200, prediction("p7", "canceled", "null", "null")));
        provider().cancel("p7");
        Request cancel = vendor.requests("POST /v1/predictions/p7/cancel").get(0);
        assertEquals("Bearer " + KEY, cancel.header("Authorization"));
        assertEquals(1, vendor.requests().size());
    }

    @Test
    void taskIdsAreCheckedBeforeTheyReachAPath() throws Exception {
        ProviderException ours = assertThrows(ProviderException.class, () -> provider().poll("../../v1/account"));
        assertEquals(ProviderException.INVALID_OUTPUT, ours.code());
        vendor.on("POST " + FLUX, Reply.json(201, prediction("../admin", "starting", "null", "null")));
        ProviderException theirs = assertThrows(ProviderException.class, () -> provider().submit(textToImage("x")));
        assertEquals(ProviderException.INVALID_OUTPUT, theirs.code());
        assertEquals(1, vendor.requests().size(), "only the create call was made");
    }

    @Test
    void anUnconfiguredTypeOrAMissingInputIsRefusedWithoutACall() {
        ReplicateProvider provider = provider();
        ProviderException type = assertThrows(ProviderException.class, () -> provider.submit(new GenerationRequest(
                "j", GenerationType.TEXT_TO_VIDEO, "p", null, 512, 512, 4, 1)));
        assertEquals(ProviderException.INVALID_REQUEST, type.code());
        ProviderException input = assertThrows(ProviderException.class, () -> provider.submit(new GenerationRequest(
                "j", GenerationType.UPSCALE, "p", null, 1024, 1024, 0, 1)));
        assertEquals(ProviderException.INVALID_REQUEST, input.code());
        ProviderException size = assertThrows(ProviderException.class, () -> provider.submit(new GenerationRequest(
                "j", GenerationType.TEXT_TO_IMAGE, "p", null, 4096, 512, 0, 1)));
        assertEquals(ProviderException.INVALID_REQUEST, size.code());
        assertTrue(vendor.requests().isEmpty());
    }
}
