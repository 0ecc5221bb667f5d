package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated outputs are held to the upload caps of the core configuration: lowered here below what the
 * built-in provider makes (a 256 x 256 image, a 2 s clip), its outputs fail with the caps' codes and
 * nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputLimitsFlowTest {
    private TestPlatform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("signup_grant_credits", 1000L, "upload_max_side", 128,
                "upload_max_video_seconds", 1));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private GenerationView run(GenerationSubmission submission) throws Exception {
        Caller caller = platform.register("l" + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "1990-01-01");
        GenerationView job = platform.generations.submit(caller, submission, null);
        platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
        return platform.generations.get(caller, job.id());
    }

    @Test
    void anImageWiderThanUploadMaxSideIsRefusedAndNotStored() throws Exception {
        long blobs = platform.blobFiles();

        GenerationView done = run(new GenerationSubmission("text-to-image", "a lighthouse", null, null, 256, 256, null,
                7L, null));

        assertEquals("failed", done.status());
        assertEquals("output_pixel_limit_exceeded", done.error().code());
        assertEquals(0, done.outputs().size());
        assertEquals(blobs, platform.blobFiles());
    }

    @Test
    void aClipLongerThanUploadMaxVideoSecondsIsRefusedFromItsProbeAndNotStored() throws Exception {
        long blobs = platform.blobFiles();

        GenerationView done = run(GenerationFlowContract.clip("waves on a shore", 2));

        assertEquals("failed", done.status());
        assertEquals("output_video_limit_exceeded", done.error().code());
        assertEquals(0, done.outputs().size());
        assertEquals(blobs, platform.blobFiles());
    }
}
