package org.aisora.transcoders.ffmpeg.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.TranscoderContract;
import org.junit.jupiter.api.Test;

/** The shared Transcoder contract, plus what is particular to the FFmpeg plugin. */
class FfmpegTranscoderTest extends TranscoderContract {
    private static final Transcoder DEFAULTS = transcoder(Map.of());

    @Override
    protected Transcoder transcoder() {
        return DEFAULTS;
    }

    private static Transcoder transcoder(Map<String, Object> config) {
        return new FfmpegTranscoder(Configs.of(FfmpegConfig.class, config));
    }

    @Test
    void idAndHealth() throws TranscodeException {
        assertEquals("ffmpeg", DEFAULTS.id());
        DEFAULTS.probe(fixture(MP4));
        assertEquals(PluginHealth.Status.ONLINE, DEFAULTS.health().status());
    }

    @Test
    void transcodeIsBoundedInTime() {
        Transcoder hurried = transcoder(Map.of("max_decode_seconds", 0.005));
        Path out = work.resolve("hurried.mp4");
        assertCode(DECODE_TIMEOUT, () -> hurried.transcode(fixture(MP4), out, new RenditionSpec(240, 400), p -> { }));
        assertFalse(Files.exists(out));
    }

    /** The caller's limit (the plan's) replaces the configured one, both ways. */
    @Test
    void theCallersDecodeLimitReplacesTheConfiguredOne() throws Exception {
        Path late = work.resolve("caller-hurried.mp4");
        assertCode(DECODE_TIMEOUT, () -> DEFAULTS.transcode(fixture(MP4), late, new RenditionSpec(240, 400),
                java.time.Duration.ofNanos(1), p -> { }));
        assertFalse(Files.exists(late));
        assertCode(DECODE_TIMEOUT, () -> DEFAULTS.probe(fixture(MP4), java.time.Duration.ofNanos(1)));
        assertCode(DECODE_TIMEOUT, () -> DEFAULTS.posterFrame(fixture(MP4), work.resolve("caller-late.jpg"),
                java.time.Duration.ofNanos(1)));
        assertEquals("h264", transcoder(Map.of("max_decode_seconds", 1e-9)).probe(fixture(MP4),
                java.time.Duration.ofSeconds(60)).videoCodec());
        Path done = work.resolve("caller-patient.mp4");
        transcoder(Map.of("max_decode_seconds", 1e-9)).transcode(fixture(MP4), done, new RenditionSpec(240, 400),
                java.time.Duration.ofSeconds(120), p -> { });
        assertTrue(Files.size(done) > 0);
    }

    /** A bound that has passed before FFmpeg reads anything: its interrupt callback must stop the open. */
    @Test
    void interruptCallbackStopsTheOpen() {
        Transcoder expired = transcoder(Map.of("max_decode_seconds", 1e-9));
        assertCode(DECODE_TIMEOUT, () -> expired.probe(fixture(MP4)));
        assertCode(DECODE_TIMEOUT, () -> expired.posterFrame(fixture(WEBM), work.resolve("late.jpg")));
    }

    @Test
    void demuxerAllowListIsConfigurable() throws TranscodeException {
        Transcoder mp4Only = transcoder(Map.of("allowed_demuxers", new String[] {"mp4"}));
        assertEquals("h264", mp4Only.probe(fixture(MP4)).videoCodec());
        assertCode(UNSUPPORTED_FORMAT, () -> mp4Only.probe(fixture(WEBM)));
    }

    /** Even an operator who allow-lists hls gets no network access: the protocol whitelist is "file" only. */
    @Test
    void protocolWhitelistKeepsAnAllowedHlsOffTheNetwork() throws Exception {
        Transcoder lax = transcoder(Map.of("allowed_demuxers", new String[] {"hls", "mp4"}));
        List<String> requests = canaryRequests((playlist, port) -> {
            assertCode(CORRUPT_MEDIA, () -> lax.probe(playlist));
            assertCode(CORRUPT_MEDIA, () -> lax.transcode(playlist, work.resolve("hls.mp4"), new RenditionSpec(120, 300), p -> { }));
        });
        assertEquals(List.of(), requests, "the canary listener was contacted");
    }

    @Test
    void concurrentCallsKeepTheirOwnDeadlines() throws Exception {
        Transcoder hurried = transcoder(Map.of("max_decode_seconds", 0.001));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MediaProbe>> probes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                probes.add(pool.submit(() -> {
                    DEFAULTS.transcode(fixture(MP4), work.resolve("parallel-" + n + ".mp4"), new RenditionSpec(120, 300), p -> { });
                    return DEFAULTS.probe(work.resolve("parallel-" + n + ".mp4"));
                }));
            }
            Future<?> late = pool.submit(() -> {
                assertCode(DECODE_TIMEOUT, () -> hurried.transcode(fixture(WEBM), work.resolve("late.mp4"), new RenditionSpec(120, 300), p -> { }));
                return null;
            });
            for (Future<MediaProbe> probe : probes) {
                assertEquals(120, probe.get(60, TimeUnit.SECONDS).height());
            }
            late.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renditionHasAacAudioAndMoovFirst() throws Exception {
        Path out = work.resolve("aac.mp4");
        DEFAULTS.transcode(fixture(MP4), out, new RenditionSpec(240, 400), p -> { });

        MediaProbe back = DEFAULTS.probe(out);
        assertEquals("aac", back.audioCodec());
        assertEquals("aac", DEFAULTS.probe(transcodeWebm()).audioCodec(), "opus becomes aac");
        String boxes = topLevelBoxes(out);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"), "not faststart: " + boxes);
    }

    @Test
    void rotatedRenditionIsUpright() throws Exception {
        Path out = work.resolve("upright.mp4");
        DEFAULTS.transcode(fixture(ROTATED), out, new RenditionSpec(320, 500), p -> { });
        MediaProbe back = DEFAULTS.probe(out);
        assertEquals(0, back.rotation());
        assertEquals(240, back.width());
        assertEquals(320, back.height());
    }

    @Test
    void karafCacheDirIsUnderTheDataFolder() {
        assertEquals(Path.of("/opt/karaf/data/javacpp"), Natives.cacheDirUnder("/opt/karaf/data"));
    }

    private Path transcodeWebm() throws TranscodeException {
        Path out = work.resolve("opus.mp4");
        DEFAULTS.transcode(fixture(WEBM), out, new RenditionSpec(120, 300), p -> { });
        return out;
    }

    private static String topLevelBoxes(Path mp4) throws IOException {
        byte[] bytes = Files.readAllBytes(mp4);
        StringBuilder boxes = new StringBuilder();
        long offset = 0;
        while (offset + 8 <= bytes.length) {
            int at = (int) offset;
            long size = ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
            boxes.append(new String(bytes, at + 4, 4, StandardCharsets.US_ASCII)).append(' ');
            if (size < 8) {
                break;
            }
            offset += size;
        }
        return boxes.toString();
    }
}
