package org.aisora.providers.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.provider.GenerationRequest;
import org.aisora.api.provider.GenerationType;
import org.aisora.api.provider.MediaInput;
import org.aisora.api.provider.ProviderException;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.testing.Configs;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.Transcoder;
import org.aisora.api.transcode.VideoEncoder;
import org.aisora.transcoders.ffmpeg.internal.FfmpegConfig;
import org.aisora.transcoders.ffmpeg.internal.FfmpegTranscoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips made by the built-in provider, encoded and probed back by the real FFmpeg transcoder. */
class ProceduralClipTest {
    private static final Transcoder FFMPEG = new FfmpegTranscoder(Configs.of(FfmpegConfig.class, Map.of()));
    private static final VideoEncoder ENCODER = FFMPEG::encode;

    @TempDir
    Path work;

    private BuiltinProvider provider() {
        BuiltinProvider provider = new BuiltinProvider(Configs.of(BuiltinProviderConfig.class, Map.of()));
        provider.bindEncoder(ENCODER);
        return provider;
    }

    private MediaProbe probe(ProviderTask task) throws Exception {
        assertEquals(ProviderTask.Status.SUCCEEDED, task.status());
        assertEquals("video/mp4", task.outputs().get(0).contentType());
        Path file = work.resolve("clip.mp4");
        try (InputStream in = task.outputs().get(0).open()) {
            Files.copy(in, file);
        }
        return FFMPEG.probe(file);
    }

    @Test
    void videoTypesExistOnlyWhileAnEncoderIsBound() {
        BuiltinProvider provider = provider();
        assertEquals(EnumSet.allOf(GenerationType.class), provider.capabilities().types());
        assertEquals(BuiltinProvider.MAX_CLIP_SECONDS, provider.capabilities().maxDurationSeconds());
        VideoEncoder other = FFMPEG::encode;
        provider.bindEncoder(other);     // a greedy rebind: new first,
        provider.unbindEncoder(ENCODER); // then the old one goes, which is no longer in use
        assertTrue(provider.capabilities().types().contains(GenerationType.TEXT_TO_VIDEO));
        provider.unbindEncoder(other);
        assertFalse(provider.capabilities().types().contains(GenerationType.TEXT_TO_VIDEO));
        assertEquals(0, provider.capabilities().maxDurationSeconds());
    }

    @Test
    void textToVideoIsAnH264ClipOfTheAskedSizeAndLength() throws Exception {
        MediaProbe probe = probe(provider().submit(new GenerationRequest("t1", GenerationType.TEXT_TO_VIDEO,
                "a lighthouse at dusk", null, 320, 240, 3, 7)));
        assertEquals("h264", probe.videoCodec());
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals(3.0, probe.durationSeconds(), 0.15);
        assertEquals(ProceduralClip.FPS, probe.frameRate(), 0.5);
        List<BufferedImage> frames = FFMPEG.sampleFrames(work.resolve("clip.mp4"), 2, 320);
        assertNotEquals(frames.get(0).getRGB(160, 120), frames.get(1).getRGB(160, 120), "the camera moves");
    }

    @Test
    void oddSizesAreRoundedDownToEvenForH264() throws Exception {
        MediaProbe probe = probe(provider().submit(new GenerationRequest("t2", GenerationType.TEXT_TO_VIDEO, "x",
                null, 129, 97, 1, 1)));
        assertEquals(128, probe.width());
        assertEquals(96, probe.height());
    }

    @Test
    void imageToVideoFilmsTheUsersImage() throws Exception {
        BufferedImage green = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                green.setRGB(x, y, 0x00c000);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(green, "png", png);
        MediaInput input = new MediaInput() {
            @Override
            public String contentType() {
                return "image/png";
            }

            @Override
            public int width() {
                return 400;
            }

            @Override
            public int height() {
                return 300;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(png.toByteArray());
            }
        };
        ProviderTask task = provider().submit(new GenerationRequest("i1", GenerationType.IMAGE_TO_VIDEO, "zoom", null,
                256, 192, 2, 3, input));
        MediaProbe probe = probe(task);
        assertEquals(256, probe.width());
        assertEquals(2.0, probe.durationSeconds(), 0.15);
        int rgb = FFMPEG.sampleFrames(work.resolve("clip.mp4"), 1, 256).get(0).getRGB(128, 96);
        assertTrue(((rgb >> 8) & 0xff) > 150 && ((rgb >> 16) & 0xff) < 60, "the user's green image: " + Integer.toHexString(rgb));
    }

    @Test
    void durationsOutsideTheRangeAndMissingInputsAreRefused() {
        BuiltinProvider provider = provider();
        for (int seconds : new int[] {0, BuiltinProvider.MAX_CLIP_SECONDS + 1}) {
            ProviderException e = assertThrows(ProviderException.class, () -> provider.submit(new GenerationRequest(
                    "d", GenerationType.TEXT_TO_VIDEO, "p", null, 128, 128, seconds, 1)));
            assertEquals("invalid_duration", e.code());
        }
        assertEquals("missing_input", assertThrows(ProviderException.class, () -> provider.submit(new GenerationRequest(
                "m", GenerationType.IMAGE_TO_VIDEO, "p", null, 128, 128, 2, 1))).code());
    }
}
