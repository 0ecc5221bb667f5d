package org.aisora.api.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second half of the transcoder contract: writing video from frames (the built-in provider's clips)
 * and reading frames back out of a video (keyframe moderation), plus the stream count that upload limits
 * check. Every transcoder's tests extend this next to {@link TranscoderContract}; an encode is checked by
 * probing it back and by the colours its sampled frames show.
 */
public abstract class TranscoderFramesContract {
    private static final String MP4 = "h264_aac_320x240_25fps.mp4";

    @TempDir
    protected Path work;

    protected abstract Transcoder transcoder();

    private Path fixture;

    @BeforeEach
    void copyFixture() throws IOException {
        fixture = work.resolve(MP4);
        try (InputStream in = TranscoderFramesContract.class.getResourceAsStream(MP4)) {
            Files.copy(in, fixture);
        }
    }

    /** The first 40 % of the clip red, the rest blue (the switch falls between sample points), with a moving white square so frames differ. */
    protected static FrameSource redThenBlue(int width, int height, int fps, int frames) {
        return new FrameSource() {
            private int next;

            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public int frameRate() {
                return fps;
            }

            @Override
            public int frameCount() {
                return frames;
            }

            @Override
            public BufferedImage frame(int index) {
                assertEquals(next++, index, "frames are asked for in order, each once");
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(index < frames * 2 / 5 ? Color.RED : Color.BLUE);
                g.fillRect(0, 0, width, height);
                g.setColor(Color.WHITE);
                g.fillRect(index % (width - 16), 0, 16, 16);
                g.dispose();
                return image;
            }
        };
    }

    @Test
    void probeCountsEveryStream() throws TranscodeException {
        assertEquals(2, transcoder().probe(fixture).streamCount(), "one video and one audio stream");
    }

    @Test
    void encodesFramesIntoAPlayableH264Mp4() throws Exception {
        Path out = work.resolve("clip.mp4");
        List<Double> progress = new ArrayList<>();
        transcoder().encode(redThenBlue(320, 240, 24, 48), out, progress::add);

        MediaProbe probe = transcoder().probe(out);
        assertEquals("h264", probe.videoCodec());
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals(2.0, probe.durationSeconds(), 0.15, "48 frames at 24 fps");
        assertEquals(24.0, probe.frameRate(), 0.5);
        assertEquals(null, probe.audioCodec());
        assertFalse(progress.isEmpty(), "progress is reported");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back");
        }
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    }

    @Test
    void sampledFramesShowWhatWasEncoded() throws Exception {
        Path out = work.resolve("clip.mp4");
        transcoder().encode(redThenBlue(320, 240, 24, 48), out, p -> { });

        List<BufferedImage> frames = transcoder().sampleFrames(out, 4, 160);
        assertEquals(4, frames.size());
        for (BufferedImage f : frames) {
            assertTrue(Math.max(f.getWidth(), f.getHeight()) <= 160, "scaled to fit the box");
            assertEquals(320.0 / 240.0, (double) f.getWidth() / f.getHeight(), 0.05, "aspect kept");
        }
        // samples at 0, 25, 50, 75 % of the clip: the first two red, the last two blue (switch at 40 %)
        assertDominant(frames.get(0), true);
        assertDominant(frames.get(1), true);
        assertDominant(frames.get(2), false);
        assertDominant(frames.get(3), false);
    }

    @Test
    void samplesFramesOfAnUploadedClip() throws Exception {
        List<BufferedImage> frames = transcoder().sampleFrames(fixture, 3, 1000);
        assertEquals(3, frames.size());
        assertEquals(320, frames.get(0).getWidth(), "never upscaled");
        assertEquals(240, frames.get(0).getHeight());
    }

    @Test
    void encodeRefusesOddSizesAndEmptyClipsAndLeavesNothing() {
        Path out = work.resolve("bad.mp4");
        assertThrows(IllegalArgumentException.class, () -> transcoder().encode(redThenBlue(321, 240, 24, 4), out, p -> { }));
        assertThrows(IllegalArgumentException.class, () -> transcoder().encode(redThenBlue(320, 240, 24, 0), out, p -> { }));
        assertThrows(IllegalArgumentException.class, () -> transcoder().encode(redThenBlue(320, 240, 0, 4), out, p -> { }));
        assertFalse(Files.exists(out));
    }

    @Test
    void aFrameOfTheWrongSizeFailsTheEncodeAndLeavesNothing() {
        Path out = work.resolve("bad.mp4");
        FrameSource good = redThenBlue(320, 240, 24, 8);
        FrameSource wrong = new FrameSource() {
            @Override
            public int width() {
                return 320;
            }

            @Override
            public int height() {
                return 240;
            }

            @Override
            public int frameRate() {
                return 24;
            }

            @Override
            public int frameCount() {
                return 8;
            }

            @Override
            public BufferedImage frame(int index) {
                return index == 5 ? new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB) : good.frame(index);
            }
        };
        TranscodeException e = assertThrows(TranscodeException.class, () -> transcoder().encode(wrong, out, p -> { }));
        assertEquals("transcode_failed", e.code());
        assertFalse(Files.exists(out));
    }

    private static void assertDominant(BufferedImage image, boolean red) {
        long r = 0;
        long b = 0;
        for (int y = image.getHeight() / 2; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                b += rgb & 0xff;
            }
        }
        assertTrue(red ? r > 3 * b : b > 3 * r, (red ? "red" : "blue") + " expected, r=" + r + " b=" + b);
    }
}
