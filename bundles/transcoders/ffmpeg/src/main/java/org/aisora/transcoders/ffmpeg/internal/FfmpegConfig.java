package org.aisora.transcoders.ffmpeg.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the FFmpeg transcoder (PID org.aisora.transcoders.ffmpeg); all optional. */
@ObjectClassDefinition(name = "AiSora FFmpeg transcoder", description = "Probe, MP4/H.264 renditions and posters through FFmpeg (bytedeco)")
public @interface FfmpegConfig {
    String PID = "org.aisora.transcoders.ffmpeg";

    @AttributeDefinition(description = "Wall-clock bound of one probe, transcode or poster, in seconds; past it the call fails with decode_timeout")
    double max_decode_seconds() default 1800;

    @AttributeDefinition(description = "FFmpeg demuxer names accepted as input (a demuxer with several names is accepted when one is listed); "
            + "anything else, e.g. hls, concat, image2 or a subtitle format, is unsupported_format")
    String[] allowed_demuxers() default {"mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm"};

    @AttributeDefinition(description = "Higher ranked transcoders are preferred when no default transcoder is configured")
    int service_ranking() default 0;
}
