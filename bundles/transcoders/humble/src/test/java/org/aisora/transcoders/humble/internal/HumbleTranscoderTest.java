package org.aisora.transcoders.humble.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.TranscoderContract;
import org.junit.jupiter.api.Test;

/**
 * The shared transcoder contract, run against humble-video with its default configuration, and what this
 * plugin adds on top: its configuration, AAC audio, and pixels that end up the right way round.
 */
class HumbleTranscoderTest extends TranscoderContract {
    private static final Transcoder DEFAULTS = configured(Map.of());

    @Override
    protected Transcoder transcoder() {
        return DEFAULTS;
    }

    private static Transcoder configured(Map<String, Object> values) {
        return new HumbleTranscoder(Configs.of(HumbleTranscoderConfig.class, values));
    }

    @Test
    void nativesLoadAndH264IsAvailable() {
        assertEquals("humble", DEFAULTS.id());
        assertEquals(PluginHealth.online(), DEFAULTS.health(), "libx264 present, natives loaded");
    }

    @Test
    void renditionsKeepTheAudioAsAac() throws Exception {
        for (String source : new String[] {MP4, WEBM}) {
            Path out = work.resolve(source + ".mp4");
            DEFAULTS.transcode(fixture(source), out, new RenditionSpec(120, 300), p -> { });
            MediaProbe back = DEFAULTS.probe(out);
            assertEquals("aac", back.audioCodec(), source);
            assertEquals(2.0, back.durationSeconds(), 0.1, source);
        }
    }

    @Test
    void posterHasTheSourceColours() throws Exception {
        // testsrc2 starts with a red bar on the left, a green one next to it
        Path jpeg = work.resolve("colours.jpg");
        DEFAULTS.posterFrame(fixture(MP4), jpeg);
        BufferedImage image = ImageIO.read(jpeg.toFile());
        assertDominant("red", image.getRGB(25, 150), 16);
        assertDominant("green", image.getRGB(80, 150), 8);
    }

    @Test
    void rotatedSourceIsTurnedClockwiseInPosterAndRendition() throws Exception {
        // shown upright, the red bar that is on the left of the stored picture is at the top
        Path poster = work.resolve("upright.jpg");
        DEFAULTS.posterFrame(fixture(ROTATED), poster);
        BufferedImage image = ImageIO.read(poster.toFile());
        assertDominant("red", image.getRGB(120, 25), 16);
        assertDominant("green", image.getRGB(120, 80), 8);

        Path out = work.resolve("upright.mp4");
        DEFAULTS.transcode(fixture(ROTATED), out, new RenditionSpec(320, 500), p -> { });
        assertEquals(new MediaProbe(2.0, 240, 320, 25.0, "h264", null, 0), rounded(DEFAULTS.probe(out)),
                "the output is upright, not tagged");
        Path again = work.resolve("again.jpg");
        DEFAULTS.posterFrame(out, again);
        assertDominant("red", ImageIO.read(again.toFile()).getRGB(120, 25), 16);
    }

    @Test
    void audioWithoutVideoIsNotForThisTranscoder() throws Exception {
        Path m4a = GeneratedMedia.audioOnlyMp4(work.resolve("audio-only.mp4"));
        assertRejectedEverywhere(m4a, UNSUPPORTED_FORMAT);
    }

    @Test
    void theX264PresetIsConfigurable() throws Exception {
        assertEquals("ultrafast", VideoEncoders.preset("ultrafast"));
        assertEquals("veryfast", VideoEncoders.preset("--crf 0"), "only x264's preset names pass");
        Transcoder quick = configured(Map.of("x264_preset", "ultrafast"));
        Path out = work.resolve("ultrafast.mp4");
        quick.transcode(fixture(MP4), out, new RenditionSpec(240, 400), p -> { });
        assertEquals("h264", quick.probe(out).videoCodec());
    }

    @Test
    void demuxersOutsideTheConfiguredListAreRefused() throws Exception {
        Transcoder webmOnly = configured(Map.of("allowed_demuxers", new String[] {"matroska", "webm"}));
        assertEquals("vp9", webmOnly.probe(fixture(WEBM)).videoCodec());
        assertCode(UNSUPPORTED_FORMAT, () -> webmOnly.probe(fixture(MP4)));
        assertCode(UNSUPPORTED_FORMAT, () -> webmOnly.transcode(fixture(MP4), work.resolve("no.mp4"),
                new RenditionSpec(120, 300), p -> { }));
        assertCode(UNSUPPORTED_FORMAT, () -> webmOnly.posterFrame(fixture(MP4), work.resolve("no.jpg")));
        assertFalse(Files.exists(work.resolve("no.mp4")));
    }

    @Test
    void playlistDemuxersStayRefusedWhenConfigured() throws Exception {
        Transcoder careless = configured(Map.of("allowed_demuxers", new String[] {"hls", "applehttp", "concat", "mp4"}));
        assertCode(UNSUPPORTED_FORMAT, () -> careless.probe(fixture(HLS_LOCAL_FILE)));
        assertCode(UNSUPPORTED_FORMAT, () -> careless.probe(fixture(CONCAT_SCRIPT)));
        List<String> requests = canaryRequests((playlist, port) -> {
            assertCode(UNSUPPORTED_FORMAT, () -> careless.probe(playlist));
            assertCode(UNSUPPORTED_FORMAT, () -> careless.transcode(playlist, work.resolve("c.mp4"),
                    new RenditionSpec(120, 300), p -> { }));
        });
        assertEquals(List.of(), requests, "the canary listener was contacted");
    }

    @Test
    void theWallClockBoundFailsTheCallAndLeavesNothing() {
        Transcoder hasty = configured(Map.of("max_decode_seconds", 0.001));
        Path out = work.resolve("slow.mp4");
        Path jpeg = work.resolve("slow.jpg");
        assertCode(DECODE_TIMEOUT, () -> hasty.transcode(fixture(MP4), out, new RenditionSpec(120, 300), p -> { }));
        assertCode(DECODE_TIMEOUT, () -> hasty.posterFrame(fixture(MP4), jpeg));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(jpeg));
    }

    @Test
    void failedTranscodeLeavesNoPartFile() throws Exception {
        Path dir = Files.createDirectories(work.resolve("renditions"));
        assertCode(CORRUPT_MEDIA, () -> DEFAULTS.transcode(fixture(TRUNCATED_FASTSTART), dir.resolve("x.mp4"),
                new RenditionSpec(120, 300), p -> { }));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "temporary files left in " + dir);
        }
    }

    @Test
    void errorMessagesDoNotCarryTheServerPath() {
        String parent = fixture(NOT_MEDIA).getParent().toString();
        for (String name : new String[] {NOT_MEDIA, TRUNCATED_NO_MOOV}) {
            try {
                DEFAULTS.probe(fixture(name));
            } catch (org.aisora.api.transcode.TranscodeException e) {
                assertFalse(e.getMessage().contains(parent), e.getMessage());
                continue;
            }
            throw new AssertionError("probe of " + name + " succeeded");
        }
    }

    private static MediaProbe rounded(MediaProbe p) {
        return new MediaProbe(Math.round(p.durationSeconds() * 10) / 10.0, p.width(), p.height(),
                Math.round(p.frameRate()), p.videoCodec(), p.audioCodec(), p.rotation());
    }

    /** The named channel is well above the other two (JPEG and 4:2:0 blur the edges, so bars are sampled mid-way). */
    private static void assertDominant(String channel, int rgb, int margin) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        boolean ok = switch (channel) {
            case "red" -> r > g + margin && r > b + margin;
            case "green" -> g > r + margin && g > b + margin;
            default -> throw new IllegalArgumentException(channel);
        };
        assertTrue(ok, channel + " expected, got rgb(" + r + "," + g + "," + b + ")");
    }
}
