package org.aisora.transcoders.humble.internal;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Transcoder "humble": humble-video 0.3.0, i.e. FFmpeg 2.8 through JNI, in-process: probes, renditions, posters,
 * sampled frames, and clips encoded from frames. Inputs are local regular files only, read by an allow-listed
 * demuxer, within a wall-clock bound; outputs are written beside their target and moved into place, so a
 * failed call leaves nothing behind.
 */
@Component(name = HumbleTranscoderConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HumbleTranscoderConfig.class)
public final class HumbleTranscoder implements Transcoder {
    static final String ID = "humble";

    private final HumbleNatives natives = new HumbleNatives();
    private volatile Settings settings;

    @Activate
    public HumbleTranscoder(HumbleTranscoderConfig config) {
        modified(config);
    }

    @Modified
    void modified(HumbleTranscoderConfig config) {
        double seconds = config.max_decode_seconds() > 0 ? config.max_decode_seconds()
                : HumbleTranscoderConfig.DEFAULT_MAX_DECODE_SECONDS;
        settings = new Settings(new DemuxerPolicy(config.allowed_demuxers()),
                Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))), VideoEncoders.preset(config.x264_preset()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PluginHealth health() {
        return natives.load();
    }

    @Override
    public MediaProbe probe(Path input) throws TranscodeException {
        return probe(input, settings.maxDecode());
    }

    @Override
    public MediaProbe probe(Path input, Duration maxDecode) throws TranscodeException {
        Settings s = settings;
        Deadline deadline = Deadline.after(maxDecode);
        try (MediaSource source = open(input, s, deadline)) {
            if (source.videoStream == null || source.video == null) {
                throw Failure.unsupported("no decodable video stream in " + source.formatName);
            }
            return Probes.of(source);
        }
    }

    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, DoubleConsumer progress)
            throws TranscodeException {
        transcode(input, output, spec, settings.maxDecode(), progress);
    }

    /** The caller's limit (from the plan) replaces the configured one for this rendition. */
    @Override
    public void transcode(Path input, Path output, RenditionSpec spec, Duration maxDecode, DoubleConsumer progress)
            throws TranscodeException {
        Settings s = settings;
        Deadline deadline = Deadline.after(maxDecode);
        try (MediaSource source = open(input, s, deadline)) {
            new Rendition(source, deadline, natives.h264Encoder(), s.preset()).writeTo(output, spec, progress);
        }
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg) throws TranscodeException {
        posterFrame(input, outputJpeg, settings.maxDecode());
    }

    @Override
    public void posterFrame(Path input, Path outputJpeg, Duration maxDecode) throws TranscodeException {
        Settings s = settings;
        Deadline deadline = Deadline.after(maxDecode);
        try (MediaSource source = open(input, s, deadline)) {
            new Poster(source, deadline).writeTo(outputJpeg);
        }
    }

    @Override
    public void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        FrameEncoder.validate(frames, outputMp4);
        Settings s = settings;
        Deadline deadline = Deadline.after(s.maxDecode());
        requireNatives();
        new FrameEncoder(natives.h264Encoder(), s.preset(), deadline).write(frames, outputMp4, progress);
    }

    @Override
    public List<BufferedImage> sampleFrames(Path input, int count, int maxSide) throws TranscodeException {
        if (count < 1 || maxSide < 1) {
            throw new IllegalArgumentException("count and maxSide must be positive: " + count + ", " + maxSide);
        }
        Settings s = settings;
        Deadline deadline = Deadline.after(s.maxDecode());
        try (MediaSource source = open(input, s, deadline)) {
            return new FrameSampler(source, deadline).spread(count, maxSide);
        }
    }

    private MediaSource open(Path input, Settings s, Deadline deadline) throws TranscodeException {
        LocalInput local = LocalInput.of(input);
        requireNatives();
        return MediaSource.open(local, s.policy(), deadline);
    }

    private void requireNatives() throws TranscodeException {
        PluginHealth health = natives.load();
        if (health.status() == PluginHealth.Status.OFFLINE) {
            throw Failure.failed(health.reason(), null);
        }
    }

    private record Settings(DemuxerPolicy policy, Duration maxDecode, String preset) {
    }
}
