package org.aisora.core.internal.limits;

import org.aisora.api.error.RateLimitedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.aisora.api.error.AisoraException;
import org.junit.jupiter.api.Test;

class LimitRefusalsTest {
    private static final Plan FREE = PlanCatalog.defaults().free(); // 10 s videos, 50 MiB uploads

    @Test
    void videoLongerThanThePlanIs422() {
        LimitRefusals.requireVideoSeconds(FREE, 10);
        AisoraException e = assertThrows(AisoraException.class, () -> LimitRefusals.requireVideoSeconds(FREE, 11));
        assertEquals(422, e.kind().status());
        assertEquals("video_too_long_for_plan", e.code());
        assertEquals("a video of 11 s is longer than the 10 s the free plan allows", e.getMessage());
    }

    @Test
    void uploadLargerThanThePlanIs413() {
        LimitRefusals.requireUploadBytes(FREE, 50L * 1024 * 1024);
        LimitRefusals.requireUploadBytes(FREE, -1); // length unknown: the stream cap decides
        AisoraException e = assertThrows(AisoraException.class,
                () -> LimitRefusals.requireUploadBytes(FREE, 50L * 1024 * 1024 + 1));
        assertEquals(413, e.kind().status());
        assertEquals("upload_too_large_for_plan", e.code());
        assertEquals(50L * 1024 * 1024, LimitRefusals.uploadCap(FREE, 100L * 1024 * 1024));
        assertEquals(10L * 1024 * 1024, LimitRefusals.uploadCap(FREE, 10L * 1024 * 1024));
    }

    @Test
    void rateRefusalsAre429WithAtLeastOneSecond() {
        RateLimitedException e = LimitRefusals.rateLimited(FREE, 0);
        assertEquals(429, e.kind().status());
        assertEquals("rate_limited", e.code());
        assertEquals(1, e.retryAfterSeconds());
        assertEquals(7, LimitRefusals.tooManyConcurrentJobs(FREE, 7).retryAfterSeconds());
    }
}
