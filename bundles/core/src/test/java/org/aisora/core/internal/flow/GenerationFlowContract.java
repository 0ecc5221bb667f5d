package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.aisora.api.error.AisoraException;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.service.Caller;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.Registration;
import org.aisora.core.internal.TestConfig;
import org.aisora.persistence.internal.TestStores;
import org.aisora.providers.openai.internal.OpenAiImagesConfig;
import org.aisora.providers.openai.internal.OpenAiImagesProvider;
import org.aisora.providers.support.testing.FakeVendor;
import org.aisora.providers.support.testing.FakeVendor.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The walking skeleton's journey through the real core, stores and plugins; run on H2 and on MariaDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GenerationFlowContract {
    static final long GRANT = 100;
    TestPlatform platform;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("signup_grant_credits", GRANT));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    static String email() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static GenerationSubmission image(String prompt) {
        return new GenerationSubmission("text-to-image", prompt, null, null, 256, 256, null, 42L, null);
    }

    private GenerationView finished(Caller caller, GenerationView job) throws InterruptedException {
        return platform.await(caller, job.id(), v -> !v.status().equals("queued") && !v.status().equals("running"));
    }

    @Test
    void registerGenerateDownload() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());

        GenerationView job = platform.generations.submit(ann, image("a red fox in the snow"), null);
        assertEquals("queued", job.status());
        assertEquals(5, job.cost());
        var held = platform.credits.summary(ann, 0, 10);
        assertEquals(GRANT - 5, held.balance());
        // held while the job waits or runs; the built-in provider may already have finished it (then captured: 0)
        assertTrue(held.reserved() == 5 || held.reserved() == 0, "reserved " + held.reserved());

        GenerationView done = finished(ann, job);
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        assertEquals("builtin", done.provider());
        assertEquals(1, done.outputs().size());
        MediaContent content = platform.media.content(ann, done.outputs().get(0).id());
        assertEquals("image/png", content.contentType());
        BufferedImage png = read(content);
        assertEquals(256, png.getWidth());
        assertEquals(256, png.getHeight());
        BufferedImage thumb = read(platform.media.thumbnail(ann, done.outputs().get(0).id()));
        assertTrue(thumb.getWidth() <= 256 && thumb.getWidth() > 0);
        assertTrue(done.outputs().get(0).expiresAt().isAfter(done.completedAt().plus(java.time.Duration.ofDays(6))));

        assertEquals(GRANT - 5, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    @Test
    void aMinorIsRefusedAndNothingIsStored() {
        String email = email();
        long before = platform.db.queryLong("SELECT COUNT(*) FROM accounts");
        AisoraException e = assertThrows(AisoraException.class, () -> platform.accounts.register(
                new Registration("Kid", email, null, "a long password", java.time.LocalDate.now().minusYears(12).toString(),
                        TestPlatform.POLICY), null));
        assertEquals("age_restricted", e.code());
        assertEquals(403, e.kind().status());
        assertEquals(before, platform.db.queryLong("SELECT COUNT(*) FROM accounts"));
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", email));
    }

    @Test
    void aBlockedPromptIsRejectedAndItsCreditsComeBack() throws Exception {
        Caller bob = platform.register(email(), "1985-01-01");
        GenerationView done = finished(bob, platform.generations.submit(bob, image("how to KILL a process"), null));
        assertEquals("rejected", done.status());
        assertEquals("prompt_rejected", done.error().code());
        assertEquals(GRANT, platform.credits.summary(bob, 0, 10).balance());
        assertEquals(0, platform.credits.summary(bob, 0, 10).reserved());
    }

    @Test
    void withNoProviderTheJobFailsCleanly() throws Exception {
        Caller cid = platform.register(email(), "1985-01-01");
        GenerationView done = finished(cid, platform.generations.submit(cid,
                new GenerationSubmission("text-to-video", "waves", null, null, 256, 256, 20, 1L, null), null));
        assertEquals("failed", done.status(), "the built-in provider makes clips of at most 10 s");
        assertEquals("no_provider", done.error().code());
        assertEquals(GRANT, platform.credits.summary(cid, 0, 10).balance());
    }

    @Test
    void anotherAccountsObjectsAreNotFound() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        Caller eve = platform.register(email(), "1990-05-01");
        GenerationView done = finished(ann, platform.generations.submit(ann, image("a lighthouse"), null));
        String mediaId = done.outputs().get(0).id();
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.generations.get(eve, done.id())).code());
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.generations.cancel(eve, done.id())).code());
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.media.get(eve, mediaId)).code());
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.media.content(eve, mediaId)).code());
        assertEquals(0, platform.generations.list(eve, 0, 10).size());
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstJob() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        GenerationView first = platform.generations.submit(ann, image("a quiet lake"), "key-1");
        GenerationView again = platform.generations.submit(ann, image("a quiet lake"), "key-1");
        assertEquals(first.id(), again.id());
        finished(ann, first);
        assertEquals(GRANT - 5, platform.credits.summary(ann, 0, 10).balance());
    }

    @Test
    void pinnedProvidersMustExistAndBeCapable() {
        Caller ann = platform.register(email(), "1990-05-01");
        assertEquals("unknown_provider", assertThrows(AisoraException.class, () -> platform.generations.submit(ann,
                new GenerationSubmission("text-to-image", "x", null, null, 256, 256, null, 1L, "nope"), null)).code());
        assertEquals("provider_incapable", assertThrows(AisoraException.class, () -> platform.generations.submit(ann,
                new GenerationSubmission("text-to-video", "x", null, null, 256, 256, 20, 1L, "builtin"), null)).code());
        assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());
    }

    /** 24 concurrent submits against credits for exactly 20: 20 run, 4 get 402, no credit is lost or doubled. */
    @Test
    void concurrentSubmitsNeverOverspend() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        platform.credits.grant(ann.email(), 1, "top-up", "manual"); // 101 credits: room for exactly 20 jobs
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<GenerationView>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String prompt = "tile " + i;
            calls.add(() -> platform.generations.submit(ann, image(prompt), null));
        }
        int accepted = 0;
        int refused = 0;
        List<GenerationView> jobs = new ArrayList<>();
        for (Future<GenerationView> f : pool.invokeAll(calls)) {
            try {
                jobs.add(f.get());
                accepted++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertEquals("insufficient_credits", ((AisoraException) e.getCause()).code());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(20, accepted); // 101 credits / 5 per job
        assertEquals(4, refused);
        for (GenerationView j : jobs) {
            assertEquals("succeeded", finished(ann, j).status());
        }
        assertEquals(1, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
        assertEquals(20, platform.db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", ann.accountId()));
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    @Test
    void removingTheProviderMakesTheNextJobFailWithNoProviderAndBringingItBackWorks() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        GenerationProvider builtin = platform.builtin;
        platform.plugins().providers.remove(builtin);
        try {
            GenerationView failed = finished(ann, platform.generations.submit(ann, image("a barn"), null));
            assertEquals("no_provider", failed.error().code());
            assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());
        } finally {
            platform.plugins().providers.add(builtin, Map.of());
        }
        assertEquals("succeeded", finished(ann, platform.generations.submit(ann, image("a barn"), null)).status());
    }

    @Test
    void sameSeedSameBytesDifferentPromptDifferentBytes() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        String a = finished(ann, platform.generations.submit(ann, image("mountains"), null)).outputs().get(0).id();
        String b = finished(ann, platform.generations.submit(ann, image("mountains"), null)).outputs().get(0).id();
        String c = finished(ann, platform.generations.submit(ann, image("an ocean"), null)).outputs().get(0).id();
        assertEquals(platform.media.content(ann, a).etag(), platform.media.content(ann, b).etag());
        assertNotEquals(platform.media.content(ann, a).etag(), platform.media.content(ann, c).etag());
    }

    /** A node stopped while the job ran: the next engine queues it again and settles it exactly once. */
    @Test
    void aJobLeftRunningByACrashIsRecoveredAndSettledOnce() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        java.time.Instant now = java.time.Instant.now();
        String jobId = UUID.randomUUID().toString();
        platform.db.jobs().enqueue(new org.aisora.api.store.JobRecord(jobId, ann.accountId(), "text-to-image",
                "after the crash", null, 256, 256, 0, 3L, null, null, org.aisora.api.store.JobStatus.QUEUED, null, 5,
                null, null, now, null, null, now.plusSeconds(86400)),
                org.aisora.core.internal.credits.LedgerAccounts.hold(jobId, ann.accountId(), 5, now));
        assertTrue(platform.db.jobs().markRunning(jobId, "builtin", now)); // ...and then the node died
        org.aisora.core.internal.generation.JobEngine restarted = new org.aisora.core.internal.generation.JobEngine(
                platform.db.jobs(), platform.db.accounts(), platform.db.media(), platform.registry,
                platform.moderationCounters, platform.settings(org.aisora.core.internal.generation.JobsConfiguration.class),
                platform.settings(org.aisora.core.internal.media.MediaConfiguration.class),
                platform.settings(org.aisora.core.internal.node.NodeConfiguration.class));
        try {
            assertEquals("succeeded", platform.await(ann, jobId, v -> v.status().equals("succeeded")).status());
        } finally {
            restarted.stop();
        }
        assertEquals(GRANT - 5, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, platform.credits.summary(ann, 0, 10).reserved());
        assertEquals(1, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE job_id = ? AND parent_id IS NULL", jobId));
        assertEquals(List.of(), platform.db.ledger().audit());
    }

    /** The rules engine knows the builtin's picture for one prompt: that output is rejected and never stored. */
    @Test
    void aFlaggedOutputIsRejectedReleasedAndNotStored() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        org.aisora.api.provider.ProviderTask task = platform.builtin.submit(new org.aisora.api.provider.GenerationRequest(
                "probe", org.aisora.api.provider.GenerationType.TEXT_TO_IMAGE, "a known bad picture", null, 256, 256, 0, 42L));
        BufferedImage known;
        try (InputStream in = task.outputs().get(0).open()) {
            known = ImageIO.read(in);
        }
        org.aisora.moderation.rules.internal.RulesModerationEngine strict =
                new org.aisora.moderation.rules.internal.RulesModerationEngine(org.aisora.core.internal.TestConfig.of(
                        org.aisora.moderation.rules.internal.RulesConfig.class, Map.of("image_hashes", new String[] {
                            "known-bad=" + org.aisora.moderation.rules.internal.RulesModerationEngine.hashOf(known)})));
        org.aisora.api.moderation.ModerationEngine usual = platform.plugins().moderation.get("rules").orElseThrow();
        platform.plugins().moderation.add(strict, Map.of());
        try {
            long blobs = platform.blobFiles();
            GenerationView rejected = finished(ann, platform.generations.submit(ann, image("a known bad picture"), null));
            assertEquals("rejected", rejected.status());
            assertEquals("output_rejected", rejected.error().code());
            assertEquals(0, rejected.outputs().size());
            assertEquals(blobs, platform.blobFiles());
            assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());
            assertEquals("succeeded", finished(ann, platform.generations.submit(ann, image("a harmless meadow"), null)).status());
        } finally {
            platform.plugins().moderation.add(usual, Map.of());
        }
    }

    /** A provider pinned by the job: OpenAI's adapter against a loopback double answering {@code b64}. */
    private GenerationView throughOpenAi(Caller caller, java.nio.file.Path spool, byte[] png) throws Exception {
        try (FakeVendor vendor = new FakeVendor()) {
            vendor.on("POST /v1/images/generations", Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\""
                    + java.util.Base64.getEncoder().encodeToString(png) + "\"}]}"));
            OpenAiImagesProvider openai = new OpenAiImagesProvider(TestConfig.of(OpenAiImagesConfig.class, Map.of(
                    "id", "openai-flow", "_api_key", "sk-test", "base_url", vendor.baseUrl(),
                    "sizes", new String[] {"256x256"}, "spool_dir", spool.toString())));
            platform.plugins().providers.add(openai, Map.of());
            try {
                return finished(caller, platform.generations.submit(caller, new GenerationSubmission("text-to-image",
                        "a vast plain", null, null, 256, 256, null, 42L, "openai-flow"), null));
            } finally {
                platform.plugins().providers.remove(openai);
            }
        }
    }

    private static long spooled(java.nio.file.Path spool) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(spool)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    /**
     * A vendor image whose header declares 20000 x 20000 pixels (a few KB on the wire) is refused from its
     * header: nothing is stored, no thumbnail exists, the hold comes back, and the provider's spool file is gone.
     */
    @Test
    void aVendorImageOverThePixelCapsIsRefusedFromItsHeaderAndNothingIsKept() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        java.nio.file.Path spool = java.nio.file.Files.createTempDirectory("flow-spool");
        long blobs = platform.blobFiles();
        byte[] flood = CraftedPng.declaring(20_000, 20_000);
        assertTrue(flood.length < 16 * 1024, "a few KB: " + flood.length);

        GenerationView done = throughOpenAi(ann, spool, flood);

        assertEquals("failed", done.status());
        assertEquals("output_pixel_limit_exceeded", done.error().code());
        assertEquals(0, done.outputs().size());
        assertEquals(blobs, platform.blobFiles(), "neither the image nor a thumbnail was stored");
        assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());
        assertEquals(0, spooled(spool), "the provider's spool file went with the failed job");
    }

    /** Within the caps, a vendor image goes from the provider's spool file into storage, and the file goes. */
    @Test
    void aVendorImageWithinTheCapsIsStoredWithAThumbnailAndItsSpoolFileIsGone() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        java.nio.file.Path spool = java.nio.file.Files.createTempDirectory("flow-spool");
        BufferedImage picture = new BufferedImage(256, 192, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(10, 10, 0x3366ff);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);

        GenerationView done = throughOpenAi(ann, spool, png.toByteArray());

        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        MediaView stored = platform.media.get(ann, done.outputs().get(0).id());
        assertEquals(256, stored.width());
        assertEquals(192, stored.height());
        try (InputStream in = platform.media.content(ann, stored.id()).open()) {
            assertTrue(java.util.Arrays.equals(png.toByteArray(), in.readAllBytes()), "stored byte for byte");
        }
        BufferedImage thumb = read(platform.media.thumbnail(ann, stored.id()));
        assertTrue(thumb.getWidth() > 0 && thumb.getWidth() <= 256);
        assertEquals(0, spooled(spool), "stored, then the spool file was deleted");
    }

    static GenerationSubmission clip(String prompt, int seconds) {
        return new GenerationSubmission("text-to-video", prompt, null, null, 192, 128, seconds, 42L, null);
    }

    /** A clip is generated offline, encoded by the active transcoder, stored with its metadata and poster. */
    @Test
    void textToVideoIsStoredAsAProbedMp4WithAPosterAndCharged() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        GenerationView done = finished(ann, platform.generations.submit(ann, clip("waves on a shore", 2), null));
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        assertEquals(1, done.outputs().size());
        MediaView video = platform.media.get(ann, done.outputs().get(0).id());
        assertEquals("video/mp4", video.contentType());
        assertEquals("h264", video.codec());
        assertEquals(192, video.width());
        assertEquals(2.0, video.durationSeconds(), 0.15);
        assertEquals("ready", video.status());
        assertTrue(video.thumbnailId() != null, "a poster thumbnail");
        read(platform.media.content(ann, video.thumbnailId()));
        try (InputStream in = platform.media.content(ann, video.id()).open()) {
            byte[] head = in.readNBytes(8);
            assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals(GRANT - done.cost(), platform.credits.summary(ann, 0, 10).balance());
        assertEquals(5L * 2, done.cost(), "one started tile per frame, per second");
    }

    /** The rules engine knows one frame from the middle of a clip: the whole clip is rejected, nothing kept. */
    @Test
    void aClipWithAFlaggedKeyframeIsRejectedReleasedAndNotStored() throws Exception {
        Caller ann = platform.register(email(), "1990-05-01");
        org.aisora.api.provider.ProviderTask task = platform.builtin.submit(new org.aisora.api.provider.GenerationRequest(
                "probe-clip", org.aisora.api.provider.GenerationType.TEXT_TO_VIDEO, "a known bad clip", null, 192, 128,
                2, 42L));
        java.nio.file.Path clip = java.nio.file.Files.createTempFile("known-bad", ".mp4");
        BufferedImage middle;
        try (InputStream in = task.outputs().get(0).open()) {
            java.nio.file.Files.copy(in, clip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            middle = platform.registry.transcoder().orElseThrow().sampleFrames(clip, 4, 512).get(2);
        } finally {
            java.nio.file.Files.deleteIfExists(clip);
        }
        org.aisora.moderation.rules.internal.RulesModerationEngine strict =
                new org.aisora.moderation.rules.internal.RulesModerationEngine(org.aisora.core.internal.TestConfig.of(
                        org.aisora.moderation.rules.internal.RulesConfig.class, Map.of("image_hashes", new String[] {
                            "known-bad=" + org.aisora.moderation.rules.internal.RulesModerationEngine.hashOf(middle)})));
        org.aisora.api.moderation.ModerationEngine usual = platform.plugins().moderation.get("rules").orElseThrow();
        platform.plugins().moderation.add(strict, Map.of());
        try {
            long blobs = platform.blobFiles();
            GenerationView rejected = finished(ann, platform.generations.submit(ann, clip("a known bad clip", 2), null));
            assertEquals("rejected", rejected.status());
            assertEquals("output_rejected", rejected.error().code());
            assertEquals(0, rejected.outputs().size());
            assertEquals(blobs, platform.blobFiles());
            assertEquals(GRANT, platform.credits.summary(ann, 0, 10).balance());
            assertEquals("succeeded", finished(ann, platform.generations.submit(ann, clip("a calm lake", 2), null)).status());
        } finally {
            platform.plugins().moderation.add(usual, Map.of());
        }
    }

    private static BufferedImage read(MediaContent content) throws Exception {
        try (InputStream in = content.open()) {
            BufferedImage image = ImageIO.read(in);
            assertTrue(image != null, "not a decodable image: " + content.contentType());
            return image;
        }
    }
}
