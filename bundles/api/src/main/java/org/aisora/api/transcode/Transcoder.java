package org.aisora.api.transcode;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.aisora.api.plugin.Plugin;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads and rewrites local media files only; progress is reported from 0.0 to 1.0. */
@ConsumerType
public interface Transcoder extends Plugin {
    MediaProbe probe(Path input) throws TranscodeException;

    void transcode(Path input, Path output, RenditionSpec spec, DoubleConsumer progress) throws TranscodeException;

    /**
     * As {@link #transcode(Path, Path, RenditionSpec, DoubleConsumer)}, decoding for at most {@code maxDecode}
     * (the caller derives it from the plan's longest video) instead of the transcoder's configured limit;
     * a decode that runs longer fails with code {@code decode_timeout}. Transcoders without their own
     * deadline keep their configured behaviour.
     *
     * @since 1.2
     */
    default void transcode(Path input, Path output, RenditionSpec spec, Duration maxDecode, DoubleConsumer progress)
            throws TranscodeException {
        transcode(input, output, spec, progress);
    }

    void posterFrame(Path input, Path outputJpeg) throws TranscodeException;

    /**
     * As {@link #probe(Path)} within {@code maxDecode} instead of the configured limit.
     *
     * @since 1.2
     */
    default MediaProbe probe(Path input, Duration maxDecode) throws TranscodeException {
        return probe(input);
    }

    /**
     * As {@link #posterFrame(Path, Path)} within {@code maxDecode} instead of the configured limit.
     *
     * @since 1.2
     */
    default void posterFrame(Path input, Path outputJpeg, Duration maxDecode) throws TranscodeException {
        posterFrame(input, outputJpeg);
    }

    /** Encodes frames into an MP4/H.264 file (yuv420p, even dimensions, no audio). */
    default void encode(FrameSource frames, Path outputMp4, DoubleConsumer progress) throws TranscodeException {
        throw new TranscodeException("unsupported", id() + " cannot encode frames");
    }

    /**
     * Decodes {@code count} frames spread evenly over the video (the first at its start), each scaled to
     * fit {@code maxSide}, for moderation of video by its keyframes.
     */
    default List<BufferedImage> sampleFrames(Path input, int count, int maxSide) throws TranscodeException {
        throw new TranscodeException("unsupported", id() + " cannot sample frames");
    }
}
