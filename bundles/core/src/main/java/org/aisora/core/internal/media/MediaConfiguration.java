package org.aisora.core.internal.media;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Media (PID org.aisora.core.media, file etc/org.aisora.core.media.cfg): what an upload may be, thumbnails, video
 * renditions and workers, and signed download URLs.
 */
@ObjectClassDefinition(name = "AiSora media", description = "Uploads, thumbnails, renditions and signed URLs")
public @interface MediaConfiguration {
    String PID = "org.aisora.core.media";

    @AttributeDefinition(description = "Longest side of a thumbnail, pixels")
    int thumbnail_size() default 256;

    @AttributeDefinition(description = "Largest upload, bytes (413 beyond, checked while streaming)")
    long upload_max_bytes() default 100L * 1024 * 1024;

    @AttributeDefinition(description = "Most pixels an uploaded image may declare (read from its header before decoding)")
    long upload_max_pixels() default 64_000_000L;

    @AttributeDefinition(description = "Longest side an uploaded image may declare, pixels")
    int upload_max_side() default 16384;

    @AttributeDefinition(description = "HMAC key for signed media URLs, base64 (32 bytes); generated under the data folder when empty")
    String url_signing_key() default "";

    @AttributeDefinition(description = "Longest lifetime of a signed media URL, seconds")
    long signed_url_max_seconds() default 3600;

    @AttributeDefinition(description = "Video renditions as height:kbps; a rendition is never taller than the source")
    String[] renditions() default {"720:2500", "480:1200"};

    @AttributeDefinition(description = "Longest uploaded video, seconds")
    int upload_max_video_seconds() default 600;

    @AttributeDefinition(description = "Longest side of an uploaded video, pixels")
    int upload_max_video_side() default 4096;

    @AttributeDefinition(description = "Most streams (video, audio, subtitle, data) an uploaded video may carry")
    int upload_max_video_streams() default 4;

    @AttributeDefinition(description = "Frames of a generated video that moderation checks, spread over the clip")
    int moderation_video_frames() default 4;

    @AttributeDefinition(description = "Videos processed at once (renditions and posters)")
    int media_workers() default 1;
}
