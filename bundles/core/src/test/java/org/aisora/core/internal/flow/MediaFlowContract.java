package org.aisora.core.internal.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.aisora.api.error.AisoraException;
import org.aisora.api.service.Caller;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SignedUrl;
import org.aisora.core.internal.media.MediaServiceImpl;
import org.aisora.core.internal.media.UrlSigner;
import org.aisora.persistence.internal.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Uploads, listing, deletion and signed URLs through the real core, stores and filesystem storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MediaFlowContract {
    TestPlatform platform;

    abstract TestStores database();

    @BeforeAll
    void start() throws Exception {
        platform = new TestPlatform(database(), Map.of("upload_max_pixels", 4_000_000L));
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
    }

    private Caller user() {
        return platform.register("m" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "1990-01-01");
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] read(org.aisora.api.service.MediaContent content) throws Exception {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anUploadIsStoredWithAThumbnailListedAndDeletedWithItsDerivatives() throws Exception {
        Caller ann = user();
        byte[] original = png(640, 480);
        long blobsBefore = platform.blobFiles();
        MediaView item = platform.media.upload(ann, new ByteArrayInputStream(original), "image/png", original.length);
        assertEquals("upload", item.kind());
        assertEquals("image/png", item.contentType());
        assertEquals(640, item.width());
        assertEquals(480, item.height());
        assertNotNull(item.thumbnailId());
        assertTrue(item.expiresAt().isAfter(Instant.now().plus(Duration.ofDays(6))));
        assertArrayEquals(original, read(platform.media.content(ann, item.id())), "byte-identical original");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(read(platform.media.thumbnail(ann, item.id()))));
        assertEquals(256, thumb.getWidth());
        assertEquals(192, thumb.getHeight());
        assertEquals(blobsBefore + 2, platform.blobFiles());
        assertEquals(item.id(), platform.media.list(ann, 0, 10).get(0).id());

        platform.media.delete(ann, item.id());
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.media.get(ann, item.id())).code());
        assertEquals(0, platform.media.list(ann, 0, 10).size());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", ann.accountId()));
        assertEquals(blobsBefore, platform.blobFiles());
    }

    /** Switching the default store at runtime: new objects go to the new store, old ones stay readable where they are. */
    @Test
    void switchingTheDefaultStoreKeepsOldItemsReadable() throws Exception {
        Caller ann = user();
        byte[] before = png(40, 30);
        MediaView old = platform.media.upload(ann, new ByteArrayInputStream(before), "image/png", -1);
        Path archiveRoot = java.nio.file.Files.createTempDirectory("aisora-archive");
        org.aisora.storage.filesystem.internal.FilesystemBlobStore archive =
                new org.aisora.storage.filesystem.internal.FilesystemBlobStore(org.aisora.core.internal.TestConfig.of(
                        org.aisora.storage.filesystem.internal.FilesystemStoreConfig.class,
                        Map.of("root", archiveRoot.toString(), "store_id", "archive")));
        platform.plugins().storage.add(archive, Map.of());
        platform.registry.modified(org.aisora.core.internal.TestConfig.of(
                org.aisora.core.internal.plugins.PluginChoices.class, Map.of("storage_default", "archive")));
        try {
            byte[] after = png(50, 20);
            MediaView fresh = platform.media.upload(ann, new ByteArrayInputStream(after), "image/png", -1);
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(archiveRoot)) {
                assertTrue(files.anyMatch(p -> p.toString().contains(fresh.id())), "the new item went to the new store");
            }
            assertArrayEquals(after, read(platform.media.content(ann, fresh.id())));
            assertArrayEquals(before, read(platform.media.content(ann, old.id())), "the old item stays readable");
        } finally {
            platform.registry.modified(org.aisora.core.internal.TestConfig.of(
                    org.aisora.core.internal.plugins.PluginChoices.class, Map.of()));
        }
        assertArrayEquals(before, read(platform.media.content(ann, old.id())));
    }

    @Test
    void hostileUploadsChangeNothing() throws Exception {
        Caller ann = user();
        long blobsBefore = platform.blobFiles();
        byte[] tooManyPixels = png(2100, 2000); // 4.2 MP with a 4 MP cap
        assertEquals("pixel_limit_exceeded", assertThrows(AisoraException.class, () -> platform.media.upload(ann,
                new ByteArrayInputStream(tooManyPixels), "image/png", tooManyPixels.length)).code());
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes();
        assertEquals("unsupported_media_type", assertThrows(AisoraException.class, () -> platform.media.upload(ann,
                new ByteArrayInputStream(svg), "image/png", svg.length)).code());
        byte[] jpegLabelledPng = png(8, 8);
        assertEquals("content_type_mismatch", assertThrows(AisoraException.class, () -> platform.media.upload(ann,
                new ByteArrayInputStream(jpegLabelledPng), "image/jpeg", jpegLabelledPng.length)).code());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", ann.accountId()));
        assertEquals(blobsBefore, platform.blobFiles());
    }

    @Test
    void anotherAccountCannotSeeOrDeleteAnUpload() throws Exception {
        Caller ann = user();
        Caller eve = user();
        byte[] original = png(64, 64);
        MediaView item = platform.media.upload(ann, new ByteArrayInputStream(original), null, -1);
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.media.delete(eve, item.id())).code());
        assertEquals("not_found", assertThrows(AisoraException.class,
                () -> platform.media.sign(eve, item.id(), MediaService.CONTENT, Duration.ofMinutes(5))).code());
        assertEquals(0, platform.media.list(eve, 0, 10).size());
        assertArrayEquals(original, read(platform.media.content(ann, item.id())));
    }

    @Test
    void anUploadFeedsUpscaleAndImageToImageJobsOfItsOwnerOnly() throws Exception {
        Caller ann = user();
        Caller eve = user();
        MediaView upload = platform.media.upload(ann, new ByteArrayInputStream(png(100, 80)), "image/png", -1);
        org.aisora.api.service.GenerationView job = platform.generations.submit(ann,
                new org.aisora.api.service.GenerationSubmission("upscale", null, null, upload.id(), 400, 320, null, 1L,
                        null), null);
        org.aisora.api.service.GenerationView done = platform.await(ann, job.id(),
                v -> !v.status().equals("queued") && !v.status().equals("running"));
        assertEquals("succeeded", done.status(), String.valueOf(done.error()));
        assertEquals(400, done.outputs().get(0).width());
        assertEquals(320, done.outputs().get(0).height());
        org.aisora.api.service.GenerationView restyled = platform.await(ann, platform.generations.submit(ann,
                new org.aisora.api.service.GenerationSubmission("image-to-image", "in watercolour", null, upload.id(),
                        200, 160, null, 1L, null), null).id(),
                v -> !v.status().equals("queued") && !v.status().equals("running"));
        assertEquals("succeeded", restyled.status(), String.valueOf(restyled.error()));
        assertEquals("not_found", assertThrows(AisoraException.class, () -> platform.generations.submit(eve,
                new org.aisora.api.service.GenerationSubmission("upscale", null, null, upload.id(), 400, 320, null, 1L,
                        null), null)).code());
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = MediaFlowContract.class.getResourceAsStream("/org/aisora/api/transcode/" + name)) {
            return in.readAllBytes();
        }
    }

    /** WebP has no JDK decoder: TwelveMonkeys' reader makes its thumbnail (red left half, blue right). */
    @Test
    void aWebpUploadGetsAJpegThumbnail() throws Exception {
        Caller ann = user();
        byte[] webp;
        try (InputStream in = MediaFlowContract.class.getResourceAsStream(
                "/org/aisora/core/internal/media/red_blue_320x200.webp")) {
            webp = in.readAllBytes();
        }
        MediaView item = platform.media.upload(ann, new ByteArrayInputStream(webp), "image/webp", webp.length);
        assertEquals("image/webp", item.contentType());
        assertEquals(320, item.width());
        assertNotNull(item.thumbnailId(), "a thumbnail of the WebP");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(read(platform.media.content(ann, item.thumbnailId()))));
        assertEquals(320.0 / 200.0, (double) thumb.getWidth() / thumb.getHeight(), 0.02);
        int left = thumb.getRGB(thumb.getWidth() / 4, thumb.getHeight() / 2);
        int right = thumb.getRGB(thumb.getWidth() * 3 / 4, thumb.getHeight() / 2);
        assertTrue(((left >> 16) & 0xff) > 150 && (left & 0xff) < 100, Integer.toHexString(left));
        assertTrue((right & 0xff) > 150 && ((right >> 16) & 0xff) < 100, Integer.toHexString(right));
    }

    /** A video is probed on upload, gets a poster thumbnail, and its renditions (never upscaled) follow. */
    @Test
    void aVideoUploadIsProbedThumbnailedAndRenderedWithProgress() throws Exception {
        Caller ann = user();
        byte[] video = fixture("h264_aac_320x240_25fps.mp4");
        MediaView item = platform.media.upload(ann, new ByteArrayInputStream(video), "video/mp4", video.length);
        assertEquals("video/mp4", item.contentType());
        assertEquals(320, item.width());
        assertEquals(240, item.height());
        assertEquals(2.0, item.durationSeconds(), 0.15);
        assertEquals(25.0, item.frameRate(), 0.5);
        assertEquals("h264", item.codec());
        assertNotNull(item.thumbnailId(), "a poster thumbnail");
        long deadline = System.nanoTime() + 60_000_000_000L;
        MediaView ready = platform.media.get(ann, item.id());
        while (ready.status().equals("processing") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = platform.media.get(ann, item.id());
        }
        assertEquals("ready", ready.status(), String.valueOf(ready.errorCode()));
        assertEquals(100, ready.progress());
        assertEquals(1, ready.renditions().size(), "720p and 480p would upscale a 240p source: one rendition at 240p");
        assertEquals(240, ready.renditions().get(0).height());
        byte[] rendition = read(platform.media.content(ann, ready.renditions().get(0).id()));
        assertEquals("ftyp", new String(rendition, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(video, read(platform.media.content(ann, item.id())), "the original stays byte-identical");

        platform.media.delete(ann, item.id());
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", ann.accountId()));
    }

    @Test
    void brokenAndDangerousVideosAreRefusedAndNothingIsStored() throws Exception {
        Caller ann = user();
        long blobsBefore = platform.blobFiles();
        for (String name : new String[] {"truncated_no_moov.mp4", "hls_local_file.m3u8", "concat_protocol.txt"}) {
            byte[] bytes = fixture(name);
            AisoraException e = assertThrows(AisoraException.class, () -> platform.media.upload(ann,
                    new ByteArrayInputStream(bytes), "video/mp4", bytes.length), name);
            assertTrue(e.kind().status() == 415 || e.kind().status() == 422, name + " " + e.code());
        }
        assertEquals(0, platform.db.queryLong("SELECT COUNT(*) FROM media WHERE owner_id = ?", ann.accountId()));
        assertEquals(blobsBefore, platform.blobFiles());
    }

    @Test
    void signedUrlsWorkUntilTheyExpireAndCannotBeTamperedWith() throws Exception {
        Caller ann = user();
        byte[] original = png(64, 64);
        MediaView item = platform.media.upload(ann, new ByteArrayInputStream(original), "image/png", -1);
        SignedUrl url = platform.media.sign(ann, item.id(), MediaService.CONTENT, Duration.ofMinutes(5));
        long expires = Long.parseLong(url.path().replaceAll(".*expires=(\\d+).*", "$1"));
        String sig = url.path().replaceAll(".*sig=", "");
        assertArrayEquals(original, read(platform.media.signedContent(item.id(), MediaService.CONTENT, expires, sig)));

        assertEquals("invalid_signature", assertThrows(AisoraException.class, () -> platform.media.signedContent(
                item.id(), MediaService.CONTENT, expires + 3600, sig)).code());
        assertEquals("invalid_signature", assertThrows(AisoraException.class, () -> platform.media.signedContent(
                item.id(), MediaService.THUMBNAIL, expires, sig)).code());
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertEquals("invalid_signature", assertThrows(AisoraException.class, () -> platform.media.signedContent(
                item.id(), MediaService.CONTENT, expires, flipped)).code());

        MediaServiceImpl later = new MediaServiceImpl(platform.db.media(), platform.db.accounts(),
                platform.db.preferences(), platform.registry, platform.processor, platform.vendorQueue,
                platform.settings(org.aisora.core.internal.media.MediaConfiguration.class), platform.plans, platform.work,
                new UrlSigner(new byte[32]),
                Clock.fixed(Instant.ofEpochSecond(expires + 1), ZoneOffset.UTC));
        assertEquals("signature_expired", assertThrows(AisoraException.class,
                () -> later.signedContent(item.id(), MediaService.CONTENT, expires, sig)).code());
    }
}
