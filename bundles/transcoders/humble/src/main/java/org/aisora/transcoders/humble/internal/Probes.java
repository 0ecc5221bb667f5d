package org.aisora.transcoders.humble.internal;

import io.humble.video.Codec;
import io.humble.video.CodecDescriptor;
import io.humble.video.Decoder;
import io.humble.video.DemuxerStream;
import io.humble.video.Global;
import io.humble.video.Rational;
import java.io.IOException;
import org.aisora.api.transcode.MediaProbe;

/** Reads a {@link MediaProbe} from what the demuxer found in the header and the first packets. */
final class Probes {
    private Probes() {
    }

    static MediaProbe of(MediaSource source) {
        Decoder video = source.video;
        return new MediaProbe(durationSeconds(source), video.getWidth(), video.getHeight(),
                rate(source.videoStream.getFrameRate()), codecName(video), source.audio == null ? null
                        : codecName(source.audio), rotation(source.videoStream), streamCount(source));
    }

    /** Every stream the container declares (video, audio, subtitles, data), usable by us or not. */
    static int streamCount(MediaSource source) {
        try {
            return source.demuxer.getNumStreams();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The container's duration, else the video stream's; 0 when neither is known. */
    static double durationSeconds(MediaSource source) {
        long micros = source.demuxer.getDuration();
        if (micros != Global.NO_PTS && micros > 0) {
            return micros / (double) Global.DEFAULT_PTS_PER_SECOND;
        }
        DemuxerStream stream = source.videoStream;
        long ticks = stream.getDuration();
        if (ticks != Global.NO_PTS && ticks > 0 && stream.getTimeBase() != null) {
            return ticks * stream.getTimeBase().getDouble();
        }
        return 0;
    }

    /** Clockwise degrees a player turns the picture (0, 90, 180 or 270), from the "rotate" tag FFmpeg 2.8 sets. */
    static int rotation(DemuxerStream stream) {
        String tag = stream.getMetaData() == null ? null : stream.getMetaData().getValue("rotate");
        if (tag == null || tag.isBlank()) {
            return 0;
        }
        try {
            int degrees = Math.floorMod(Math.round(Float.parseFloat(tag.trim())), 360);
            return Math.round(degrees / 90f) % 4 * 90;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String codecName(Decoder decoder) {
        CodecDescriptor descriptor = CodecDescriptor.make(decoder.getCodecID());
        if (descriptor != null) {
            return descriptor.getName();
        }
        Codec codec = decoder.getCodec();
        return codec == null ? null : codec.getName();
    }

    private static double rate(Rational rational) {
        if (rational == null || rational.getDenominator() == 0 || rational.getNumerator() <= 0) {
            return 0;
        }
        return rational.getDouble();
    }
}
