package org.aisora.transcoders.humble.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the humble-video transcoder (PID org.aisora.transcoders.humble); all optional. */
@ObjectClassDefinition(name = "AiSora humble-video transcoder",
        description = "Probe, H.264/MP4 renditions, posters, sampled frames and clips from frames through humble-video"
                + " 0.3.0 (FFmpeg 2.8)")
public @interface HumbleTranscoderConfig {
    String PID = "org.aisora.transcoders.humble";
    double DEFAULT_MAX_DECODE_SECONDS = 1800;

    @AttributeDefinition(description = "Wall-clock bound, in seconds, of one probe, transcode, poster, frame sampling or"
            + " frame encoding call;"
            + " the call fails with decode_timeout when it is exceeded; 0 or less means the default")
    double max_decode_seconds() default DEFAULT_MAX_DECODE_SECONDS;

    @AttributeDefinition(description = "Demuxer names FFmpeg may pick for an input (e.g. mp4, matroska, webm)."
            + " Playlist and script demuxers (hls, concat, image2, sdp, ...) are refused even when listed,"
            + " because they open further URLs")
    String[] allowed_demuxers() default {"mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "mpegts",
        "flv"};

    @AttributeDefinition(description = "x264 preset of the renditions (ultrafast ... veryslow). humble's libx264 is"
            + " built without assembly (\"using cpu capabilities: none!\"), so it is several times slower than a"
            + " stock x264: a faster preset trades size for time")
    String x264_preset() default "veryfast";

    @AttributeDefinition(description = "Higher ranked transcoders are preferred when no default transcoder is configured")
    int service_ranking() default 0;
}
