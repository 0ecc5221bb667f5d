package org.aisora.api.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Transcoder} must do, whatever library it wraps. A plugin's test extends this class and
 * returns its transcoder from {@link #transcoder()}; the fixtures ship in this bundle's test-jar.
 *
 * <p>Conventions the SPI leaves open and this contract pins down:
 * <ul>
 *   <li>{@code MediaProbe.width/height} are the stored frame size (what the container declares, like
 *       ffprobe); {@code rotation} is the clockwise turn, in degrees (0, 90, 180 or 270), a player applies
 *       for display. Codec names are FFmpeg's short names: h264, hevc, vp9, av1, aac, opus, mp3.</li>
 *   <li>{@code RenditionSpec.height} is the <em>displayed</em> height of the output, which is never above
 *       the source's displayed height; the output is MP4/H.264, either upright (rotation 0) or still
 *       tagged with the rotation, and its audio (when kept) is AAC.</li>
 *   <li>The poster is a JPEG of the displayed (upright) picture.</li>
 *   <li>Failures carry one of four codes: {@code unsupported_format} (not a regular local file, or a
 *       demuxer outside the allow-list: HLS, concat, subtitles, text...), {@code corrupt_media} (a known
 *       container that cannot be read or decoded, e.g. truncated), {@code decode_timeout} (the
 *       wall-clock bound was reached) and {@code transcode_failed} (anything else). A failed call leaves
 *       no output file behind.</li>
 *   <li>Nothing an input says makes the transcoder open a network connection or another local file.</li>
 * </ul>
 *
 * <p>Fixtures were made once with the Debian ffmpeg 5.1 CLI; see {@code README.md} beside them.
 */
public abstract class TranscoderContract {
    protected static final String MP4 = "h264_aac_320x240_25fps.mp4";
    protected static final String WEBM = "vp9_opus_320x240_25fps.webm";
    protected static final String ROTATED = "h264_320x240_rotate90.mp4";
    protected static final String TRUNCATED_NO_MOOV = "truncated_no_moov.mp4";
    protected static final String TRUNCATED_FASTSTART = "truncated_faststart.mp4";
    protected static final String HLS_LOCAL_FILE = "hls_local_file.m3u8";
    protected static final String HLS_CANARY_TEMPLATE = "hls_canary.m3u8.template";
    protected static final String CONCAT_SCRIPT = "concat_script.ffconcat";
    protected static final String CONCAT_PROTOCOL = "concat_protocol.txt";
    protected static final String SUBTITLES = "subtitles.srt";
    protected static final String NOT_MEDIA = "not_media.txt";

    protected static final String UNSUPPORTED_FORMAT = "unsupported_format";
    protected static final String CORRUPT_MEDIA = "corrupt_media";
    protected static final String DECODE_TIMEOUT = "decode_timeout";
    protected static final String TRANSCODE_FAILED = "transcode_failed";
    private static final Set<String> CODES = Set.of(UNSUPPORTED_FORMAT, CORRUPT_MEDIA, DECODE_TIMEOUT, TRANSCODE_FAILED);

    private static final double SOURCE_DURATION = 2.0;
    private static final List<String> FIXTURES = List.of(MP4, WEBM, ROTATED, TRUNCATED_NO_MOOV,
            TRUNCATED_FASTSTART, HLS_LOCAL_FILE, HLS_CANARY_TEMPLATE, CONCAT_SCRIPT, CONCAT_PROTOCOL, SUBTITLES,
            NOT_MEDIA);

    @TempDir
    static Path fixtures;

    @TempDir
    protected Path work;

    /** The transcoder under test, configured with its defaults. */
    protected abstract Transcoder transcoder();

    @BeforeAll
    static void copyFixtures() throws IOException {
        for (String name : FIXTURES) {
            try (InputStream in = TranscoderContract.class.getResourceAsStream(name)) {
                assertNotNull(in, "fixture missing from the test-jar: " + name);
                Files.copy(in, fixtures.resolve(name));
            }
        }
    }

    /** A fixture as a regular file; subclasses use it for their own tests. */
    protected static Path fixture(String name) {
        return fixtures.resolve(name);
    }

    @Test
    void hasAnId() {
        String id = transcoder().id();
        assertNotNull(id);
        assertFalse(id.isBlank());
    }

    // ---- probe ----

    @Test
    void probesH264AacMp4() throws TranscodeException {
        MediaProbe probe = transcoder().probe(fixture(MP4));
        assertEquals(SOURCE_DURATION, probe.durationSeconds(), 0.1, "duration");
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals(25.0, probe.frameRate(), 0.5, "frame rate");
        assertEquals("h264", probe.videoCodec());
        assertEquals("aac", probe.audioCodec());
        assertEquals(0, probe.rotation());
    }

    @Test
    void probesVp9OpusWebm() throws TranscodeException {
        MediaProbe probe = transcoder().probe(fixture(WEBM));
        assertEquals(SOURCE_DURATION, probe.durationSeconds(), 0.1, "duration");
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals(25.0, probe.frameRate(), 0.5, "frame rate");
        assertEquals("vp9", probe.videoCodec());
        assertEquals("opus", probe.audioCodec());
        assertEquals(0, probe.rotation());
    }

    @Test
    void probeReportsRotationBesideTheStoredSize() throws TranscodeException {
        MediaProbe probe = transcoder().probe(fixture(ROTATED));
        assertEquals(90, probe.rotation());
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals("h264", probe.videoCodec());
        assertNull(probe.audioCodec(), "the rotated fixture has no audio");
    }

    // ---- transcode ----

    @ParameterizedTest(name = "{0}p")
    @CsvSource({"240, 320", "180, 240", "120, 160"})
    void transcodesToAnH264Mp4AtTheRequestedHeight(int height, int expectedWidth) throws Exception {
        Path out = work.resolve("out-" + height + ".mp4");
        transcoder().transcode(fixture(MP4), out, new RenditionSpec(height, 400), p -> { });

        assertMp4(out);
        MediaProbe back = transcoder().probe(out);
        assertEquals("h264", back.videoCodec());
        assertEquals(height, displayHeight(back), "display height");
        assertEquals(expectedWidth, displayWidth(back), "display width keeps the aspect");
        assertEquals(SOURCE_DURATION, back.durationSeconds(), 0.2, "duration");
        assertEquals(25.0, back.frameRate(), 0.5, "frame rate");
        assertTrue(back.audioCodec() == null || back.audioCodec().equals("aac"), "audio is AAC or dropped: " + back.audioCodec());
    }

    @Test
    void transcodesWebmToMp4() throws Exception {
        Path out = work.resolve("webm.mp4");
        transcoder().transcode(fixture(WEBM), out, new RenditionSpec(120, 300), p -> { });

        assertMp4(out);
        MediaProbe back = transcoder().probe(out);
        assertEquals("h264", back.videoCodec());
        assertEquals(120, displayHeight(back));
        assertEquals(160, displayWidth(back));
        assertEquals(SOURCE_DURATION, back.durationSeconds(), 0.2, "duration");
        assertTrue(back.audioCodec() == null || back.audioCodec().equals("aac"), "audio is AAC or dropped: " + back.audioCodec());
    }

    @ParameterizedTest(name = "asked {0}p")
    @ValueSource(ints = {720, 480, 241})
    void neverUpscales(int askedHeight) throws Exception {
        Path out = work.resolve("up-" + askedHeight + ".mp4");
        transcoder().transcode(fixture(MP4), out, new RenditionSpec(askedHeight, 1000), p -> { });

        MediaProbe back = transcoder().probe(out);
        assertEquals(240, displayHeight(back), "a 240p source stays 240p");
        assertEquals(320, displayWidth(back));
    }

    @Test
    void rotatedSourceKeepsItsDisplayedShape() throws Exception {
        // stored 320x240 turned 90°: displayed 240 wide, 320 high
        Path out = work.resolve("rotated.mp4");
        transcoder().transcode(fixture(ROTATED), out, new RenditionSpec(160, 300), p -> { });

        MediaProbe back = transcoder().probe(out);
        assertEquals("h264", back.videoCodec());
        assertEquals(160, displayHeight(back), "display height");
        assertEquals(120, displayWidth(back), "display width");
    }

    @Test
    void progressIsMonotonicAndEndsAtOne() throws Exception {
        List<Double> reports = new CopyOnWriteArrayList<>();
        transcoder().transcode(fixture(MP4), work.resolve("progress.mp4"), new RenditionSpec(120, 300), reports::add);

        assertFalse(reports.isEmpty(), "no progress reported");
        double previous = 0;
        for (double p : reports) {
            assertTrue(p >= 0 && p <= 1, "out of range: " + p);
            assertTrue(p >= previous, "progress went back: " + reports);
            previous = p;
        }
        assertEquals(1.0, reports.get(reports.size() - 1), "last report");
        assertTrue(reports.stream().anyMatch(p -> p > 0 && p < 1), "no intermediate progress: " + reports);
    }

    @Test
    void replacesAnExistingOutput() throws Exception {
        Path out = work.resolve("again.mp4");
        Files.writeString(out, "old content");
        transcoder().transcode(fixture(MP4), out, new RenditionSpec(120, 300), p -> { });
        assertMp4(out);
    }

    // ---- poster ----

    @Test
    void posterIsADecodableJpegOfTheFrame() throws Exception {
        Path jpeg = work.resolve("poster.jpg");
        transcoder().posterFrame(fixture(MP4), jpeg);

        BufferedImage image = assertJpeg(jpeg);
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        assertTrue(distinctColours(image) > 16, "the poster looks blank");
    }

    @Test
    void posterOfWebm() throws Exception {
        Path jpeg = work.resolve("webm.jpg");
        transcoder().posterFrame(fixture(WEBM), jpeg);
        BufferedImage image = assertJpeg(jpeg);
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
    }

    @Test
    void posterOfRotatedSourceIsUpright() throws Exception {
        Path jpeg = work.resolve("rotated.jpg");
        transcoder().posterFrame(fixture(ROTATED), jpeg);
        BufferedImage image = assertJpeg(jpeg);
        assertEquals(240, image.getWidth());
        assertEquals(320, image.getHeight());
    }

    // ---- hostile and broken input ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        NOT_MEDIA + ", " + UNSUPPORTED_FORMAT,
        CONCAT_PROTOCOL + ", " + UNSUPPORTED_FORMAT,
        CONCAT_SCRIPT + ", " + UNSUPPORTED_FORMAT,
        HLS_LOCAL_FILE + ", " + UNSUPPORTED_FORMAT,
        SUBTITLES + ", " + UNSUPPORTED_FORMAT,
        TRUNCATED_NO_MOOV + ", " + CORRUPT_MEDIA,
    })
    void rejectsEveryCallOn(String name, String code) {
        assertRejectedEverywhere(fixture(name), code);
    }

    @Test
    void truncatedMediaDoesNotBecomeAShortRendition() {
        Path out = work.resolve("truncated.mp4");
        assertCode(CORRUPT_MEDIA, () -> transcoder().transcode(fixture(TRUNCATED_FASTSTART), out, new RenditionSpec(120, 300), p -> { }));
        assertFalse(Files.exists(out), "a failed transcode left its output");
    }

    @Test
    void rejectsWhatIsNotARegularLocalFile() throws IOException {
        String a = fixture(MP4).toString();
        String b = fixture(WEBM).toString();
        List<Path> inputs = new ArrayList<>(List.of(
                Path.of("concat:" + a + "|" + b),
                Path.of("file:" + a),
                Path.of("subfile,,start,0,end,0,,:" + a),
                Path.of("pipe:0"),
                work.resolve("missing.mp4"),
                Files.createDirectories(work.resolve("a-directory.mp4"))));
        Path dev = Path.of("/dev/zero");
        if (Files.exists(dev)) {
            inputs.add(dev);
        }
        for (Path input : inputs) {
            assertRejectedEverywhere(input, UNSUPPORTED_FORMAT);
        }
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        assertRejectedEverywhere(Files.createFile(work.resolve("empty.mp4")), UNSUPPORTED_FORMAT);
    }

    /** A playlist pointing at a loopback listener: rejecting it is not enough, nothing may connect. */
    @Test
    void hostileInputNeverReachesTheNetwork() throws Exception {
        List<String> requests = canaryRequests((playlist, port) -> {
            assertRejectedEverywhere(playlist, UNSUPPORTED_FORMAT);
            assertRejectedEverywhere(Path.of("http://127.0.0.1:" + port + "/x.mp4"), UNSUPPORTED_FORMAT);
            assertRejectedEverywhere(Path.of("concat:http://127.0.0.1:" + port + "/a.mp4|" + fixture(MP4)), UNSUPPORTED_FORMAT);
        });
        assertEquals(List.of(), requests, "the canary listener was contacted");
    }

    @Test
    void failuresCarryAKnownCode() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> transcoder().probe(fixture(NOT_MEDIA)));
        assertTrue(CODES.contains(e.code()), "unknown code " + e.code());
        assertNotNull(e.getMessage());
    }

    // ---- helpers for subclasses ----

    /** Probe, transcode and poster all fail with the code, and leave no output behind. */
    protected void assertRejectedEverywhere(Path input, String code) {
        Transcoder t = transcoder();
        Path mp4 = work.resolve("rejected.mp4");
        Path jpeg = work.resolve("rejected.jpg");
        assertCode(code, () -> t.probe(input), "probe " + input);
        assertCode(code, () -> t.transcode(input, mp4, new RenditionSpec(120, 300), p -> { }), "transcode " + input);
        assertCode(code, () -> t.posterFrame(input, jpeg), "poster " + input);
        assertFalse(Files.exists(mp4), "a rejected transcode left its output: " + input);
        assertFalse(Files.exists(jpeg), "a rejected poster left its output: " + input);
    }

    protected static void assertCode(String code, Call call) {
        assertCode(code, call, "");
    }

    protected static void assertCode(String code, Call call, String what) {
        try {
            call.run();
        } catch (TranscodeException e) {
            assertEquals(code, e.code(), what + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail(what + ": expected TranscodeException(" + code + ") but got " + e, e);
        }
        fail(what + ": expected TranscodeException(" + code + ") but the call succeeded");
    }

    /** An ISO base media file: its first box is 'ftyp'. */
    protected static void assertMp4(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "no output " + file);
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(8, in.readNBytes(head, 0, 8), "output too short");
        }
        assertArrayEquals("ftyp".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(head, 4, 8), "not an MP4");
    }

    protected static BufferedImage assertJpeg(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "no poster " + file);
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 4 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8, "no JPEG SOI marker");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot decode the poster");
        return image;
    }

    protected static int displayHeight(MediaProbe probe) {
        return probe.rotation() % 180 == 0 ? probe.height() : probe.width();
    }

    protected static int displayWidth(MediaProbe probe) {
        return probe.rotation() % 180 == 0 ? probe.width() : probe.height();
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y) & 0xf0f0f0);
            }
        }
        return colours.size();
    }

    /**
     * Starts a loopback HTTP listener, writes the canary HLS playlist pointing at it (its key and its
     * segment) into the work directory, runs the body and returns every request the listener received.
     */
    protected final List<String> canaryRequests(CanaryBody body) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canary.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        canary.start();
        try {
            int port = canary.getAddress().getPort();
            String template = Files.readString(fixture(HLS_CANARY_TEMPLATE), StandardCharsets.UTF_8);
            Path playlist = work.resolve("canary-" + port + ".m3u8");
            Files.writeString(playlist, template.replace("{{PORT}}", Integer.toString(port)), StandardCharsets.UTF_8);
            body.run(playlist, port);
        } finally {
            canary.stop(0);
        }
        return List.copyOf(requests);
    }

    @FunctionalInterface
    protected interface CanaryBody {
        void run(Path playlist, int port) throws Exception;
    }

    @FunctionalInterface
    protected interface Call {
        void run() throws TranscodeException;
    }
}
