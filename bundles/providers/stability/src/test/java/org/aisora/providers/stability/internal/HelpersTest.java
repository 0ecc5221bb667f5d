package org.aisora.providers.stability.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.aisora.api.provider.ProviderException;
import org.junit.jupiter.api.Test;

/** The small pure parts: aspect ratios, magic numbers, the result cache, task ids. */
class HelpersTest {
    @Test
    void sizesMapToTheNearestAllowedRatio() {
        assertEquals("1:1", AspectRatios.nearest(1024, 1024));
        assertEquals("16:9", AspectRatios.nearest(1920, 1080));
        assertEquals("9:16", AspectRatios.nearest(1080, 1920));
        assertEquals("21:9", AspectRatios.nearest(2560, 1080));
        assertEquals("3:2", AspectRatios.nearest(1500, 1000));
        assertEquals("4:5", AspectRatios.nearest(800, 1000));
        assertEquals("5:4", AspectRatios.nearest(1100, 900));
        assertEquals("21:9", AspectRatios.nearest(4000, 100), "extremes clamp to the widest");
        assertEquals("1:1", AspectRatios.nearest(0, 0));
    }

    @Test
    void magicNumbersDecideTheType() throws Exception {
        assertEquals("image/png", AnswerCheck.sniff(Fixtures.png(2, 2)));
        assertEquals("image/jpeg", AnswerCheck.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
        assertEquals("image/webp", AnswerCheck.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("video/mp4", AnswerCheck.sniff(Fixtures.MP4));
        assertNull(AnswerCheck.sniff("\0\0\0\u0014ftypqt  ".getBytes(StandardCharsets.US_ASCII)), "QuickTime");
        assertNull(AnswerCheck.sniff(new byte[0]));
        assertEquals("image/png", AnswerCheck.verified(Fixtures.png(2, 2), "", false));
        assertEquals("image/png", AnswerCheck.verified(Fixtures.png(2, 2), "application/octet-stream", false));
        assertEquals(ProviderException.INVALID_OUTPUT, assertThrows(ProviderException.class,
                () -> AnswerCheck.verified(Fixtures.MP4, "video/mp4", false)).code());
    }

    @Test
    void theCacheIsBoundedByCountBytesAndAge() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ResultCache cache = new ResultCache(2, 10, Duration.ofMinutes(10), clock);
        org.aisora.providers.support.SpooledOutput a = Fixtures.spooled(new byte[4]);
        cache.put("a", a);
        cache.put("b", Fixtures.spooled(new byte[4]));
        cache.put("c", Fixtures.spooled(new byte[4]));
        assertEquals(2, cache.size(), "count bound");
        assertTrue(cache.get("a").isEmpty());
        assertFalse(java.nio.file.Files.exists(a.file()), "an evicted output's file is deleted");
        cache.put("d", Fixtures.spooled(new byte[9]));
        assertEquals(1, cache.size(), "byte bound keeps only the newest");
        try (java.io.InputStream in = cache.get("d").orElseThrow().output().open()) {
            assertArrayEquals(new byte[9], in.readAllBytes());
        }
        cache.get("d").orElseThrow().output().close();
        assertTrue(cache.get("d").isEmpty(), "an output the core released (its file deleted) is gone from the cache");
        org.aisora.providers.support.SpooledOutput e = Fixtures.spooled(new byte[20]);
        cache.put("e", e);
        assertTrue(cache.get("e").isPresent(), "the newest waits for its poll even when over the byte bound");
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertTrue(cache.get("e").isEmpty(), "age bound");
        assertFalse(java.nio.file.Files.exists(e.file()));
        assertEquals(0, cache.size());
    }

    @Test
    void taskIdsRoundTripAndRefuseAnythingElse() {
        TaskId id = TaskId.of(TaskId.Kind.VIDEO, "abc123");
        assertEquals("video-abc123", id.toString());
        assertEquals(id, TaskId.parse("video-abc123").orElseThrow());
        assertEquals(TaskId.Kind.UPSCALE, TaskId.parse("upscale-x_y-z").orElseThrow().kind());
        assertTrue(TaskId.parse("video-a/b").isEmpty());
        assertTrue(TaskId.parse("video-a b").isEmpty());
        assertTrue(TaskId.parse(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TaskId.of(TaskId.Kind.VIDEO, "a?b"));
    }

    /** Videos and upscales wait at Stability under their id; an image was finished in the call, in memory. */
    @Test
    void onlyTasksStabilityKeepsCanBePickedUpByAnotherRun() throws Exception {
        try (org.aisora.providers.support.testing.FakeVendor vendor = new org.aisora.providers.support.testing.FakeVendor()) {
            StabilityProvider provider = Fixtures.provider(vendor, java.util.Map.of());
            assertTrue(provider.resumable("video-abc123"));
            assertTrue(provider.resumable("upscale-x_y-z"));
            assertFalse(provider.resumable(TaskId.newImage().toString()));
            assertFalse(provider.resumable("video-a/b"));
            assertFalse(provider.resumable(null));
        }
    }

    @Test
    void endpointsParse() {
        assertEquals("/v2beta/stable-image/generate/ultra", Endpoint.parse(" Ultra ").orElseThrow().path());
        assertEquals("sd3.5-large-turbo", Endpoint.parse("sd3/sd3.5-large-turbo").orElseThrow().sd3Model());
        assertTrue(Endpoint.parse("sd3/").isEmpty());
        assertTrue(Endpoint.parse("core/x").isEmpty());
        assertTrue(Endpoint.parse(null).isEmpty());
    }

    @Test
    void seedsWrapIntoStabilitysRange() {
        assertEquals("0", Forms.seed(0));
        assertEquals("4294967294", Forms.seed(4_294_967_294L));
        assertEquals("0", Forms.seed(4_294_967_295L));
        assertEquals("4294967294", Forms.seed(-1));
    }
}
