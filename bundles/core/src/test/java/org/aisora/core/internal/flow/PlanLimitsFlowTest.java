package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.RateLimitedException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Plan limits on the real submit path: requests per minute (429 + Retry-After) and video length per plan. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanLimitsFlowTest {
    private TestPlatform platform;

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(TestStores.h2(), Map.of("plans", new String[] {
            "free=monthly.credits:100,retention.days:7,max.concurrent.jobs:50,requests.per.minute:3,"
                    + "max.video.seconds:2,max.upload.mb:10"}));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    @Test
    void aFourthRequestInAMinuteIs429WithRetryAfterAndHoldsNothing() {
        Caller ann = platform.register("l" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
        GenerationSubmission image = new GenerationSubmission("text-to-image", "a cat", null, null, 128, 128, null, 1L, null);
        for (int i = 0; i < 3; i++) {
            platform.generations.submit(ann, image, null);
        }
        // the three jobs settle first: a job that settles between the two readings below would move its hold
        long settleBy = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (platform.credits.summary(ann, 0, 1).reserved() > 0 && System.nanoTime() < settleBy) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        assertEquals(0, platform.credits.summary(ann, 0, 1).reserved(), "the three jobs settled");
        long balance = platform.credits.summary(ann, 0, 1).balance();
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> platform.generations.submit(ann, image, null));
        assertEquals("rate_limited", e.code());
        assertEquals(429, e.kind().status());
        assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 20, "about 60/3 s: " + e.retryAfterSeconds());
        assertEquals(balance, platform.credits.summary(ann, 0, 1).balance(), "a refused request takes nothing");
        assertEquals(0, platform.credits.summary(ann, 0, 1).reserved(), "a refused request holds nothing");
    }

    @Test
    void aClipLongerThanThePlanAllowsIsRefused() {
        Caller bob = platform.register("v" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
        AisoraException e = assertThrows(AisoraException.class, () -> platform.generations.submit(bob,
                new GenerationSubmission("text-to-video", "waves", null, null, 128, 128, 5, 1L, null), null));
        assertEquals("video_too_long_for_plan", e.code());
        assertEquals(422, e.kind().status());
    }

    @Test
    void anUploadOverThePlansSizeIs413BeforeItIsRead() {
        Caller cy = platform.register("u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
        java.io.InputStream never = new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("a refused upload is not read");
            }
        };
        AisoraException e = assertThrows(AisoraException.class,
                () -> platform.media.upload(cy, never, "image/png", 11L * 1024 * 1024));
        assertEquals("upload_too_large_for_plan", e.code());
        assertEquals(413, e.kind().status());
    }
}
