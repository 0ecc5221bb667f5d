package org.aisora.api.transcode;

/** What a transcoder read from a media file's container and streams. Codecs may be null when absent. */
public record MediaProbe(double durationSeconds, int width, int height, double frameRate, String videoCodec,
                         String audioCodec, int rotation) {
}
