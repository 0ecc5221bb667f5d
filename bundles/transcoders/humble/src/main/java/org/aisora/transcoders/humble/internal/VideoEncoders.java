package org.aisora.transcoders.humble.internal;

import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.Encoder;
import io.humble.video.KeyValueBag;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import java.util.Set;

/**
 * Opens the rendition's video encoder. The native build behind humble-video 0.3.0 (FFmpeg 2.8, configured with
 * --enable-gpl --enable-libx264) has libx264, so renditions are H.264; should a build lack it, MPEG-4 Part 2
 * (FFmpeg's own "mpeg4" encoder) is the fallback, still in MP4, and health() reports DEGRADED. That libx264
 * has no assembly ("using cpu capabilities: none!"), hence a configurable preset.
 */
final class VideoEncoders {
    static final String DEFAULT_PRESET = "veryfast";
    private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
            "slow", "slower", "veryslow");

    private VideoEncoders() {
    }

    /** The configured x264 preset when it is one, else the default. */
    static String preset(String configured) {
        return configured != null && PRESETS.contains(configured.trim()) ? configured.trim() : DEFAULT_PRESET;
    }

    static Encoder open(Codec h264, FrameSize size, Rational timeBase, int bitrateKbps, String preset) {
        Codec codec = h264 != null ? h264 : Codec.findEncodingCodecByName("mpeg4");
        Encoder encoder = Encoder.make(codec);
        encoder.setWidth(size.width());
        encoder.setHeight(size.height());
        encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
        // libx264 derives its frame rate from the time base, so the time base is one frame
        encoder.setTimeBase(timeBase);
        encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
        long bitsPerSecond = Math.max(1, bitrateKbps) * 1000L;
        int framesPerSecond = (int) Math.max(1, Math.round(timeBase.getDenominator() / (double) timeBase.getNumerator()));
        KeyValueBag options = KeyValueBag.make();
        options.setValue("b", Long.toString(bitsPerSecond));
        options.setValue("maxrate", Long.toString(bitsPerSecond * 3 / 2));
        options.setValue("bufsize", Long.toString(bitsPerSecond * 2));
        options.setValue("g", Integer.toString(2 * framesPerSecond));
        if (h264 != null) {
            // x264 then picks High profile; "profile" cannot be passed: humble sets options on the generic
            // codec context first, whose own "profile" option rejects "main" (EINVAL)
            options.setValue("preset", preset);
        }
        encoder.open(options, KeyValueBag.make());
        return encoder;
    }
}
