package org.aisora.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * A plan's limits as a client meets them over HTTP, in the real distribution: the requests-per-minute
 * limit and the concurrent-jobs cap answer 429 with a {@code Retry-After} header and their own codes,
 * and a plan's video length is refused before any work.
 */
public class PlanLimitsIT extends AisoraKarafTestSupport {

    @Override
    protected Option[] additionalOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.aisora.core.plans.cfg", "plans",
                "free=monthly.credits:100,retention.days:7,max.concurrent.jobs:1,requests.per.minute:3,"
                        + "max.video.seconds:4,max.upload.mb:1; pro=monthly.credits:2000,retention.days:30,"
                        + "max.concurrent.jobs:4,requests.per.minute:100,max.video.seconds:10,max.upload.mb:64")};
    }

    @Test
    public void theFourthSubmissionInAMinuteIs429WithRetryAfter() {
        Journey ann = Journey.signUp(this, "rpm");
        executeCommand("aisora:credits-grant " + ann.email + " 1000");
        for (int i = 0; i < 3; i++) {
            HttpResult ok = submitImage(ann);
            assertEquals(ok.toString(), 202, ok.status());
            ann.awaitTerminal(ok.json().get("id").asText()); // one at a time: the concurrency cap is 1
        }
        long balance = credits(ann);
        HttpResult refused = submitImage(ann);
        assertEquals(refused.toString(), 429, refused.status());
        assertEquals("rate_limited", refused.json().path("error").path("code").asText());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 60);
        assertEquals("a refused request holds nothing", balance, credits(ann));
        assertEquals(3, http("GET", "/generations", null, ann.token).json().size());
    }

    @Test
    public void aSecondJobWhileOneRunsIs429WithRetryAfter() {
        Journey bob = Journey.signUp(this, "cap");
        executeCommand("aisora:credits-grant " + bob.email + " 1000");
        // a 4-second clip keeps the one allowed job busy (encoding and keyframe moderation take far longer
        // than the next request's round trip); the second request must find it still queued or running
        HttpResult clip = http("POST", "/generations", Map.of("type", "text-to-video", "prompt", "a slow tide",
                "width", 320, "height", 240, "durationSeconds", 4), bob.token);
        assertEquals(clip.toString(), 202, clip.status());
        String clipId = clip.json().get("id").asText();
        HttpResult second = submitImage(bob);
        String clipStatus = http("GET", "/generations/" + clipId, null, bob.token).json().get("status").asText();
        assertEquals(second + " (the clip was " + clipStatus + ")", 429, second.status());
        assertEquals("too_many_concurrent_jobs", second.json().path("error").path("code").asText());
        assertTrue(second.toString(), Long.parseLong(second.header("Retry-After")) >= 1);
        JsonNode done = bob.awaitTerminal(clipId);
        assertEquals(done.toString(), "succeeded", done.get("status").asText());
        HttpResult after = submitImage(bob);
        assertEquals("the cap frees when the job ends: " + after, 202, after.status());
    }

    @Test
    public void aPlansVideoLengthIsRefusedBeforeAnyWork() {
        Journey cid = Journey.signUp(this, "caps");
        executeCommand("aisora:credits-grant " + cid.email + " 1000");
        long balance = credits(cid);
        HttpResult tooLong = http("POST", "/generations", Map.of("type", "text-to-video", "prompt", "a long tide",
                "width", 320, "height", 240, "durationSeconds", 8), cid.token);
        assertEquals(tooLong.toString(), 422, tooLong.status());
        assertEquals("video_too_long_for_plan", tooLong.json().path("error").path("code").asText());
        assertEquals(balance, credits(cid));
        assertEquals(0, http("GET", "/generations", null, cid.token).json().size());
    }

    private HttpResult submitImage(Journey user) {
        return http("POST", "/generations", Map.of("type", "text-to-image", "prompt", "a quiet harbour",
                "width", 128, "height", 128), user.token);
    }

    private long credits(Journey user) {
        return http("GET", "/credits", null, user.token).json().get("balance").asLong();
    }

    @Test
    public void thePlansShowTheirStorageQuota() {
        JsonNode plans = http("GET", "/plans", null, null).json();
        for (JsonNode plan : plans) {
            // the configured lines leave max.storage.mb out: the built-in quotas apply, and are shown
            long expected = plan.get("id").asText().equals("pro") ? 51200L << 20 : 1024L << 20;
            assertEquals(plan.toString(), expected, plan.get("maxStorageBytes").asLong());
        }
        assertEquals(2, plans.size());
    }
}
