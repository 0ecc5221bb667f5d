package org.aisora.api.transcode;

/**
 * What a transcoder read from a media file's container and streams. Codecs may be null when absent;
 * {@code streamCount} counts every stream in the container (video, audio, subtitles, data), -1 when the
 * transcoder did not count them.
 */
public record MediaProbe(double durationSeconds, int width, int height, double frameRate, String videoCodec,
                         String audioCodec, int rotation, int streamCount) {
    /** A probe that did not count streams. */
    public MediaProbe(double durationSeconds, int width, int height, double frameRate, String videoCodec,
                      String audioCodec, int rotation) {
        this(durationSeconds, width, height, frameRate, videoCodec, audioCodec, rotation, -1);
    }
}
