package org.aisora.transcoders.humble.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aisora.api.testing.Configs;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.TranscoderContract;
import org.aisora.api.transcode.TranscoderFramesContract;
import org.junit.jupiter.api.Test;

/**
 * The frames half of the transcoder contract against humble-video, plus what this plugin adds: rotated sources
 * come out upright, odd widths keep their rows straight, transparency encodes as black, and the wall-clock
 * bound applies.
 */
class HumbleFramesTest extends TranscoderFramesContract {
    private static final Transcoder DEFAULTS = new HumbleTranscoder(Configs.of(HumbleTranscoderConfig.class, Map.of()));

    @Override
    protected Transcoder transcoder() {
        return DEFAULTS;
    }

    @Test
    void sampledFramesOfARotatedSourceAreUpright() throws Exception {
        Path rotated = work.resolve("rotated.mp4");
        try (InputStream in = TranscoderContract.class.getResourceAsStream("h264_320x240_rotate90.mp4")) {
            Files.copy(in, rotated);
        }
        List<BufferedImage> frames = DEFAULTS.sampleFrames(rotated, 2, 160);
        assertEquals(2, frames.size());
        BufferedImage first = frames.get(0);
        assertEquals(120, first.getWidth(), "240x320 upright, fitted into 160");
        assertEquals(160, first.getHeight());
        // testsrc2's red bar, on the left of the stored picture, is at the top once turned clockwise
        int rgb = first.getRGB(60, 12);
        assertTrue((rgb >> 16 & 0xff) > (rgb & 0xff) + 16 && (rgb >> 16 & 0xff) > (rgb >> 8 & 0xff) + 16,
                "red expected at the top, got " + Integer.toHexString(rgb));
    }

    @Test
    void oddRowLengthsStayStraightAndTransparencyIsBlack() throws Exception {
        // 330 px wide: 165 px chroma rows; sampled back at full size and at 33 px wide (99-byte BGR rows)
        Path out = work.resolve("stripe.mp4");
        DEFAULTS.encode(stripe(330, 250, 10), out, p -> { });
        MediaProbe probe = DEFAULTS.probe(out);
        assertEquals(330, probe.width());
        assertEquals(250, probe.height());
        assertEquals(1, probe.streamCount(), "video only");
        for (BufferedImage image : List.of(DEFAULTS.sampleFrames(out, 1, 1000).get(0),
                DEFAULTS.sampleFrames(out, 1, 33).get(0))) {
            int w = image.getWidth();
            int h = image.getHeight();
            // the stripe is the middle third of every row; a sheared copy moves it sideways row by row
            for (int y : new int[] {1, h / 2, h - 2}) {
                assertEquals(Color.WHITE.getRGB() & 0xf0f0f0, image.getRGB(w / 2, y) & 0xf0f0f0, "row " + y + " of " + w);
                assertTrue((image.getRGB(w / 10, y) & 0xff) < 64, "left of row " + y + " of " + w + " dark");
                assertTrue((image.getRGB(w - 1 - w / 10, y) & 0xff) < 64, "right of row " + y + " of " + w + " dark");
            }
        }
    }

    @Test
    void encodeAndSamplingKeepTheWallClockBound() throws Exception {
        Transcoder hasty = new HumbleTranscoder(Configs.of(HumbleTranscoderConfig.class,
                Map.of("max_decode_seconds", 0.001)));
        Path out = work.resolve("slow.mp4");
        TranscodeException e = assertThrows(TranscodeException.class,
                () -> hasty.encode(redThenBlue(320, 240, 24, 48), out, p -> { }));
        assertEquals("decode_timeout", e.code());
        assertFalse(Files.exists(out));
        DEFAULTS.encode(redThenBlue(320, 240, 24, 48), out, p -> { });
        assertEquals("decode_timeout", assertThrows(TranscodeException.class,
                () -> hasty.sampleFrames(out, 4, 100)).code());
    }

    @Test
    void samplingRefusesWhatTheOtherCallsRefuse() {
        assertEquals("unsupported_format", assertThrows(TranscodeException.class,
                () -> DEFAULTS.sampleFrames(Path.of("http://example.invalid/a.mp4"), 2, 100)).code());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.sampleFrames(work, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.sampleFrames(work, 2, 0));
    }

    private static FrameSource stripe(int width, int height, int frames) {
        return new FrameSource() {
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
                return 10;
            }

            @Override
            public int frameCount() {
                return frames;
            }

            @Override
            public BufferedImage frame(int index) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(width / 3, 0, width / 3, height); // the rest stays transparent: black in the clip
                g.dispose();
                return image;
            }
        };
    }
}
