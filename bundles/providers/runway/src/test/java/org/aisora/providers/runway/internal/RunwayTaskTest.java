package org.aisora.providers.runway.internal;

import static org.aisora.providers.runway.internal.RunwayFixtures.KEY;
import static org.aisora.providers.runway.internal.RunwayFixtures.TASK;
import static org.aisora.providers.runway.internal.RunwayFixtures.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following a task at Runway: polling, copying the video at once, failures, cancel and delete. */
class RunwayTaskTest {
    private static final String TASK_PATH = "/v1/tasks/" + TASK;
    private FakeVendor vendor;
    private RunwayProvider provider;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of()));
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    private static Reply task(String status, String extra) {
        return Reply.json(200, "{\"id\":\"" + TASK + "\",\"status\":\"" + status + "\",\"createdAt\":"
                + "\"2026-11-29T10:00:00Z\"" + extra + "}");
    }

    private Reply succeededAt(String url) {
        return task("SUCCEEDED", ",\"progress\":1,\"output\":[\"" + url + "\"]");
    }

    private ProviderException pollFails() {
        return assertThrows(ProviderException.class, () -> provider.poll(TASK));
    }

    /** A node that dies leaves its task at Runway: another provider instance (another node) polls it by id. */
    @Test
    void aTaskSubmittedByOneRunIsPolledByAnother() throws Exception {
        vendor.on("POST /v1/text_to_video", Reply.json(200, "{\"id\":\"" + TASK + "\"}"));
        vendor.on("GET " + TASK_PATH, task("RUNNING", ",\"progress\":0.4"));
        ProviderTask submitted = provider.submit(RunwayFixtures.textToVideo(1280, 720, 5));
        assertTrue(provider.resumable(submitted.taskId()));
        RunwayProvider otherNode = new RunwayProvider(config(vendor.baseUrl(), Map.of()));
        assertTrue(otherNode.resumable(submitted.taskId()));
        assertEquals(ProviderTask.Status.RUNNING, otherNode.poll(submitted.taskId()).status());
        assertEquals(1, vendor.requests("POST /v1/text_to_video").size());
        assertEquals(1, vendor.requests("GET " + TASK_PATH).size());
        assertFalse(provider.resumable(null));
    }

    @Test
    void aTaskThatTakesSeveralPollsEndsWithTheVideoCopied() throws Exception {
        byte[] mp4 = RunwayFixtures.mp4();
        vendor.on("GET " + TASK_PATH, task("PENDING", ""), task("THROTTLED", ""),
                task("RUNNING", ",\"progress\":0.4"), succeededAt(vendor.baseUrl() + "/cdn/out.mp4?_jwt=abc"));
        vendor.on("GET /cdn/out.mp4", Reply.bytes(200, "video/mp4", mp4));

        for (int i = 0; i < 3; i++) {
            assertEquals(ProviderTask.running(TASK), provider.poll(TASK), "poll " + i);
        }
        assertTrue(vendor.requests("GET /cdn").isEmpty(), "nothing is fetched before success");
        ProviderTask done = provider.poll(TASK);

        assertEquals(ProviderTask.Status.SUCCEEDED, done.status());
        assertEquals(1, done.outputs().size());
        assertEquals("video/mp4", done.outputs().get(0).contentType());
        try (InputStream in = done.outputs().get(0).open()) {
            assertArrayEquals(mp4, in.readAllBytes());
        }
        List<FakeVendor.Request> polls = vendor.requests("GET " + TASK_PATH);
        assertEquals(4, polls.size());
        polls.forEach(r -> {
            assertEquals("Bearer " + KEY, r.header("Authorization"));
            assertEquals("2024-11-06", r.header("X-Runway-Version"));
        });
        FakeVendor.Request download = vendor.requests("GET /cdn/out.mp4").get(0);
        assertEquals("_jwt=abc", download.query());
        assertNull(download.header("Authorization"), "the API key never goes to a download host");
        assertNull(download.header("X-Runway-Version"));
    }

    @Test
    void aSafetyFailureIsAContentPolicyFailure() throws Exception {
        vendor.on("GET " + TASK_PATH, task("FAILED",
                ",\"failure\":\"Your prompt about <user text> was rejected\",\"failureCode\":\"SAFETY.INPUT.TEXT\""));

        ProviderTask failed = provider.poll(TASK);

        assertEquals(ProviderTask.Status.FAILED, failed.status());
        assertEquals(ProviderException.CONTENT_POLICY, failed.errorCode());
        assertTrue(failed.errorMessage().contains("SAFETY.INPUT.TEXT"), failed.errorMessage());
        assertFalse(failed.errorMessage().contains("user text"), "Runway's free text is not passed on");
    }

    @Test
    void aCancelledTaskIsCanceled() throws Exception {
        vendor.on("GET " + TASK_PATH, task("CANCELLED", ""));
        ProviderTask canceled = provider.poll(TASK);
        assertEquals(ProviderTask.Status.CANCELED, canceled.status());
        assertTrue(canceled.outputs().isEmpty());
    }

    @Test
    void cancelAndDeleteSendDeleteAndAGoneTaskIsFine() throws Exception {
        vendor.on("DELETE " + TASK_PATH, new Reply(204, Map.of(), new byte[0], 0),
                Reply.json(404, "{\"error\":\"Task not found\"}"));

        provider.cancel(TASK);
        provider.deleteTask(TASK);

        List<FakeVendor.Request> deletes = vendor.requests("DELETE " + TASK_PATH);
        assertEquals(2, deletes.size());
        deletes.forEach(r -> {
            assertEquals("Bearer " + KEY, r.header("Authorization"));
            assertEquals("2024-11-06", r.header("X-Runway-Version"));
        });
        assertEquals(2, vendor.requests().size());
    }

    @Test
    void aFailedDeleteIsReported() {
        vendor.on("DELETE " + TASK_PATH, Reply.json(503, "{}"));
        ProviderException e = assertThrows(ProviderException.class, () -> provider.deleteTask(TASK));
        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void anOutputOnAHostNotAllowedIsRefusedAndNotFetched() {
        String port = vendor.baseUrl().substring(vendor.baseUrl().lastIndexOf(':'));
        vendor.on("GET /cdn/out.mp4", Reply.bytes(200, "video/mp4", RunwayFixtures.mp4()));
        vendor.on("GET " + TASK_PATH, succeededAt("http://localhost" + port + "/cdn/out.mp4"),
                succeededAt("https://evil.example/out.mp4"), succeededAt("file:///etc/passwd"),
                succeededAt("http://user@127.0.0.1" + port + "/cdn/out.mp4"));

        for (int i = 0; i < 4; i++) {
            ProviderException e = pollFails();
            assertEquals(ProviderException.INVALID_OUTPUT, e.code(), e.getMessage());
            assertFalse(e.retryable());
        }
        assertTrue(pollFails().getMessage().contains("not an absolute URL"));
        assertTrue(vendor.requests("GET /cdn").isEmpty(), "a refused URL is never fetched");
    }

    @Test
    void plainHttpOutputsNeedTheTestFlag() throws Exception {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("allow_http_outputs", false)));
        vendor.on("GET /cdn/out.mp4", Reply.bytes(200, "video/mp4", RunwayFixtures.mp4()));
        vendor.on("GET " + TASK_PATH, succeededAt(vendor.baseUrl() + "/cdn/out.mp4"));

        ProviderException e = pollFails();

        assertEquals(ProviderException.INVALID_OUTPUT, e.code());
        assertTrue(e.getMessage().contains("not https"), e.getMessage());
        assertTrue(vendor.requests("GET /cdn").isEmpty());
    }

    @Test
    void outputsThatAreNotMp4OrRedirectOrTooLargeAreRefused() {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("max_output_bytes", 20_000L)));
        vendor.on("GET /cdn/page", Reply.bytes(200, "video/mp4", "<html>not a video</html>".getBytes()));
        vendor.on("GET /cdn/moved", new Reply(302, Map.of("Location", vendor.baseUrl() + "/cdn/real"), new byte[0], 0));
        vendor.on("GET /cdn/big", Reply.bytes(200, "video/mp4", RunwayFixtures.mp4()));
        vendor.on("GET " + TASK_PATH, succeededAt(vendor.baseUrl() + "/cdn/page"),
                succeededAt(vendor.baseUrl() + "/cdn/moved"), succeededAt(vendor.baseUrl() + "/cdn/big"),
                task("SUCCEEDED", ",\"output\":[]"));

        for (String what : new String[] {"not an MP4", "redirects are not followed", "larger than 20000 bytes",
                                         "without a usable output"}) {
            ProviderException e = pollFails();
            assertEquals(what.startsWith("larger") ? "output_too_large" : ProviderException.INVALID_OUTPUT, e.code());
            assertTrue(e.getMessage().contains(what), e.getMessage());
        }
        assertTrue(vendor.requests("GET /cdn/real").isEmpty());
    }

    @Test
    void aCdnFailureIsRetryable() {
        vendor.on("GET /cdn/out.mp4", Reply.bytes(502, "text/plain", "bad gateway".getBytes()));
        vendor.on("GET " + TASK_PATH, succeededAt(vendor.baseUrl() + "/cdn/out.mp4"));
        ProviderException e = pollFails();
        assertEquals(ProviderException.UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    void pollingErrorsMapLikeSubmitOnes() {
        vendor.on("GET " + TASK_PATH, Reply.json(429, "{}").withHeader("Retry-After", "3"), Reply.json(500, "{}"),
                Reply.json(401, "{}"));
        assertEquals(ProviderException.RATE_LIMITED, pollFails().code());
        assertEquals(ProviderException.UNAVAILABLE, pollFails().code());
        assertEquals(ProviderException.AUTH_FAILED, pollFails().code());
        assertEquals(PluginHealth.offline("api key refused"), provider.health());
    }

    @Test
    void aSlowPollIsATimeout() {
        provider = new RunwayProvider(config(vendor.baseUrl(), Map.of("request_timeout_ms", 300)));
        vendor.on("GET " + TASK_PATH, task("RUNNING", "").delayed(2000));
        assertEquals(ProviderException.TIMEOUT, pollFails().code());
    }

    @Test
    void aTaskIdThatIsNotRunwaysNeverReachesAPath() {
        for (String bad : new String[] {"../v1/organization", "a/b", "", "x".repeat(65)}) {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.poll(bad));
            assertEquals(ProviderException.INVALID_REQUEST, e.code());
            assertThrows(ProviderException.class, () -> provider.cancel(bad));
        }
        assertTrue(vendor.requests().isEmpty());
    }
}
