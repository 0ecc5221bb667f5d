package org.aisora.transcoders.ffmpeg.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import org.aisora.api.plugin.PluginHealth;
import org.aisora.api.transcode.FrameSource;
import org.aisora.api.transcode.MediaProbe;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;
import org.aisora.api.transcode.Transcoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * FFmpeg 8 through bytedeco's presets. Every call first checks the input is a regular local file in an
 * allowed container (see LocalInput), then runs under a wall-clock deadline; outputs appear only when
 * complete. Natives load on the first call, so activation stays fast.
 */
@Component(name = FfmpegConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = Transcoder.class)
@Designate(ocd = FfmpegConfig.class, factory = false)
public final class FfmpegTranscoder implements Transcoder {
    static final String ID = "ffmpeg";

    private volatile Settings settings;

    @Activate
    public FfmpegTranscoder(FfmpegConfig config) {
        Natives.useKarafCacheDir();
        modified(config);
    }

    @Modified
    void modified(FfmpegConfig config) {
        settings = Settings.of(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginHealth health() {
        String failure = Natives.failure();
        return failure == null ? PluginHealth.online() : PluginHealth.offline(failure);
    }

    @Override
    public MediaProbe probe(Path input) throws TranscodeException {
        return probe(input, settings.maxDecode());
    }

    @Override
    public MediaProbe probe(Path input, Duration maxDecode) throws TranscodeException {
        Settings s = settings;
        Natives.load();
        Deadline deadline = Deadline.after(maxDecode);
        return guarded(deadline, () -> {
            try (MediaInput media = MediaInput.open(LocalInput.of(input, s), s, deadline)) {
                return media.probe();
            }
        });
    }

    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, DoubleConsumer progress) throws TranscodeException {
        transcode(input, output, spec, settings.maxDecode(), progress);
    }

    /** The caller's limit (from the plan) replaces the configured max.decode.seconds for this rendition. */
    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, Duration maxDecode, DoubleConsumer progress)
            throws TranscodeException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(maxDecode, "maxDecode");
        Objects.requireNonNull(progress, "progress");
        if (spec.height() < 2 || spec.videoBitrateKbps() < 1) {
            throw new IllegalArgumentException("invalid rendition " + spec);
        }
        Settings s = settings;
        Natives.load();
        Deadline deadline = Deadline.after(maxDecode);
        LocalInput local = LocalInput.of(input, s);
        intoPlace(output, deadline, temp -> {
            try (MediaInput media = MediaInput.open(local, s, deadline)) {
                RenditionJob.run(media, temp, spec, progress);
            }
        });
        progress.accept(1.0);
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg) throws TranscodeException {
        poster(input, outputJpeg, PosterJob.AT_FRACTION, settings.maxDecode());
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg, Duration maxDecode) throws TranscodeException {
        poster(input, outputJpeg, PosterJob.AT_FRACTION, maxDecode);
    }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        FrameEncodeJob.check(frames);
        Objects.requireNonNull(progress, "progress");
        Settings s = settings;
        Natives.load();
        Deadline deadline = Deadline.after(s.maxDecode());
        intoPlace(outputMp4, deadline, temp -> FrameEncodeJob.run(frames, temp, deadline, progress));
        progress.accept(1.0);
    }

    /** One poster-style decode per sample, each from a fresh open of the file: samples are few. */
    @Override
    public List<BufferedImage> sampleFrames(Path input, int count, int maxSide) throws TranscodeException {
        if (count < 1 || count > 64 || maxSide < 16) {
            throw new IllegalArgumentException("sample 1..64 frames into a box of at least 16 pixels");
        }
        List<BufferedImage> frames = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Path jpeg = scratch();
            try {
                poster(input, jpeg, k / (double) count, settings.maxDecode());
                frames.add(Frames.fit(Frames.read(jpeg), maxSide));
            } finally {
                Outputs.discard(jpeg);
            }
        }
        return frames;
    }

    private static Path scratch() throws TranscodeException {
        try {
            return Files.createTempFile("aisora-sample", ".jpg");
        } catch (IOException e) {
            throw Codes.failed("no scratch file for a sampled frame: " + e.getMessage());
        }
    }

    /** A JPEG of the upright frame at {@code fraction} of the duration. */
    private void poster(Path input, Path outputJpeg, double fraction, Duration maxDecode) throws TranscodeException {
        Settings s = settings;
        Natives.load();
        Deadline deadline = Deadline.after(maxDecode);
        LocalInput local = LocalInput.of(input, s);
        intoPlace(outputJpeg, deadline, temp -> {
            try (MediaInput media = MediaInput.open(local, s, deadline)) {
                PosterJob.run(media, temp, fraction);
            }
        });
    }

    private interface Work<T> {
        T run() throws TranscodeException;
    }

    private interface Writing {
        void to(Path temp) throws TranscodeException;
    }

    /** Runs a call under its deadline, with failures turned into the SPI's codes. */
    private static <T> T guarded(Deadline deadline, Work<T> work) throws TranscodeException {
        try {
            return work.run();
        } catch (TranscodeException e) {
            throw timeoutOr(deadline, e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** Writes beside the output and moves it into place only when complete; nothing is left on failure. */
    private static void intoPlace(Path output, Deadline deadline, Writing writing) throws TranscodeException {
        Path temp = Outputs.tempBeside(output);
        try {
            guarded(deadline, () -> {
                writing.to(temp);
                Outputs.commit(temp, output);
                return null;
            });
        } finally {
            Outputs.discard(temp);
        }
    }

    /**
     * Once the deadline has passed, FFmpeg's interrupted reads surface as whatever the demuxer makes of a
     * short read (often "invalid data"): the timeout is the real cause.
     */
    private static TranscodeException timeoutOr(Deadline deadline, TranscodeException e) {
        return deadline.passed() && !Codes.DECODE_TIMEOUT.equals(e.code()) ? deadline.expired() : e;
    }

    private static TranscodeException unexpected(RuntimeException e) {
        TranscodeException failure = Codes.failed("unexpected failure: " + e);
        failure.initCause(e);
        return failure;
    }
}
