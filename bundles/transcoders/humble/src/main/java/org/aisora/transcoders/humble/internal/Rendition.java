package org.aisora.transcoders.humble.internal;

import io.humble.video.Codec;
import io.humble.video.Encoder;
import io.humble.video.Global;
import io.humble.video.MediaPacket;
import io.humble.video.Rational;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.aisora.api.transcode.RenditionSpec;
import org.aisora.api.transcode.TranscodeException;

/** One transcode: the source's first video stream (upright, scaled) to H.264 and its first audio stream to AAC, in MP4. */
final class Rendition {
    private static final double DEFAULT_FPS = 30;

    private final MediaSource source;
    private final Deadline deadline;
    private final Codec h264;
    private final String preset;
    private Rational frameTime;

    Rendition(MediaSource source, Deadline deadline, Codec h264, String preset) {
        this.source = source;
        this.deadline = deadline;
        this.h264 = h264;
        this.preset = preset;
    }

    void writeTo(Path output, RenditionSpec spec, DoubleConsumer progressSink) throws TranscodeException {
        if (spec == null || spec.height() <= 0 || spec.videoBitrateKbps() <= 0) {
            throw Failure.failed("a rendition needs a positive height and bitrate: " + spec, null);
        }
        source.openDecoders(true);
        frameTime = frameTime();
        int rotation = Probes.rotation(source.videoStream);
        FrameSize stored = new FrameSize(source.video.getWidth(), source.video.getHeight());
        FrameSize display = rotation % 180 == 0 ? stored : stored.transposed();
        FrameSize out = FrameSize.rendition(display, spec.height());
        double duration = Probes.durationSeconds(source);
        Progress progress = new Progress(progressSink, duration);
        progress.start();
        try (PartFile part = PartFile.beside(output)) {
            mux(part.path(), out, rotation, spec.videoBitrateKbps(), progress, duration);
            part.commit();
        } catch (IOException e) {
            throw Failure.failed("could not write " + output.getFileName() + ": " + e.getMessage(), e);
        }
        progress.done();
    }

    private void mux(Path file, FrameSize size, int rotation, int kbps, Progress progress, double duration)
            throws TranscodeException {
        double start = startSeconds();
        Mp4Muxer mp4;
        VideoPath video;
        AudioPath audio;
        try {
            mp4 = Mp4Muxer.create(file);
            Encoder encoder = VideoEncoders.open(h264, size, frameTime, kbps, preset);
            mp4.add(encoder);
            video = new VideoPath(source.video, source.videoStream.getTimeBase(), encoder, mp4.muxer(), start, rotation);
            audio = source.audio == null ? null : AudioPath.attach(source.audio, mp4.muxer(), start);
            mp4.open();
        } catch (RuntimeException | InterruptedException | IOException e) {
            throw Failure.failed("could not set up the H.264/MP4 output: " + e.getMessage(), e);
        }
        try (mp4) {
            pump(video, audio, progress);
            video.finish();
            if (audio != null) {
                audio.finish();
            }
            checkComplete(video, duration);
            mp4.finish();
        } catch (RuntimeException e) {
            throw Failure.failed("could not write the MP4: " + e.getMessage(), e);
        }
    }

    private void pump(VideoPath video, AudioPath audio, Progress progress) throws TranscodeException {
        MediaPacket packet = MediaPacket.make();
        int videoIndex = source.videoStream.getIndex();
        int audioIndex = source.audioStream == null ? -1 : source.audioStream.getIndex();
        while (read(packet)) {
            deadline.check();
            if (packet.getStreamIndex() == videoIndex) {
                video.decode(packet);
                progress.at(video.lastSeconds());
            } else if (audio != null && packet.getStreamIndex() == audioIndex) {
                audio.decode(packet);
            }
        }
    }

    private boolean read(MediaPacket packet) throws TranscodeException {
        try {
            return source.demuxer.read(packet) >= 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.failed("interrupted", e);
        } catch (IOException | RuntimeException e) {
            return false; // a read error ends the input; checkComplete() tells a cut-off file from a finished one
        }
    }

    /**
     * A file cut short still opens when its index is intact; it must not become a short rendition. The video
     * must reach its declared duration, less 2% (at least 0.5 s) for containers that only estimate it.
     */
    private void checkComplete(VideoPath video, double containerDuration) throws TranscodeException {
        if (video.frames() == 0) {
            throw Failure.corrupt("no video frame could be decoded");
        }
        double expected = videoDuration(containerDuration);
        double covered = video.lastSeconds() + frameTime.getDouble();
        if (expected > 0 && covered + Math.max(0.5, expected * 0.02) < expected) {
            throw Failure.corrupt(String.format("the video ends after %.2f s of %.2f s", covered, expected));
        }
    }

    private double videoDuration(double containerDuration) {
        long ticks = source.videoStream.getDuration();
        Rational base = source.videoStream.getTimeBase();
        if (ticks != Global.NO_PTS && ticks > 0 && base != null) {
            return ticks * base.getDouble();
        }
        return containerDuration;
    }

    /** Where the output's zero lies; a negative start (AAC priming before the first picture) is left alone. */
    private double startSeconds() {
        long micros = source.demuxer.getStartTime();
        return micros == Global.NO_PTS ? 0 : Math.max(0, micros / (double) Global.DEFAULT_PTS_PER_SECOND);
    }

    /** One frame of the source's average rate (libx264 takes its rate from the time base); 30 fps if unknown. */
    private Rational frameTime() {
        Rational rate = source.videoStream.getFrameRate();
        if (rate == null || rate.getNumerator() <= 0 || rate.getDenominator() <= 0 || rate.getDouble() > 240) {
            return Rational.make(1, (int) DEFAULT_FPS);
        }
        return Rational.make(rate.getDenominator(), rate.getNumerator());
    }
}
