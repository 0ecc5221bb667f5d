package org.aisora.core.internal.media;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The video processing queue (PID org.aisora.core.videoqueue, file etc/org.aisora.core.videoqueue.cfg):
 * how many videos may wait, how many of them one account may hold, how long one decode may take, and the leases
 * under which nodes sharing one database process videos. An edit applies to what starts next; a running transcode
 * goes on ({@link MediaProcessor#modified}).
 */
@ObjectClassDefinition(name = "AiSora video queue", description = "Bounded, per-account fair video processing")
public @interface VideoQueueConfig {
    String PID = "org.aisora.core.videoqueue";

    @AttributeDefinition(description = "Videos that may wait for processing, all accounts together; an upload "
            + "beyond it answers 429 queue_full")
    int queue_capacity() default 32;

    @AttributeDefinition(description = "Videos one account may have waiting; an upload beyond it answers "
            + "429 queue_full")
    int queue_per_account() default 4;

    @AttributeDefinition(description = "Seconds suggested in Retry-After when the queue is full")
    int queue_retry_after_seconds() default 30;

    @AttributeDefinition(description = "A rendition may decode for this many times the plan's max.video.seconds "
            + "(or the video's own length when longer) ...")
    double decode_factor() default 2.0;

    @AttributeDefinition(description = "... plus this many seconds")
    int decode_margin_seconds() default 30;

    @AttributeDefinition(description = "Seconds a node's claim on a video lasts without renewal; the heartbeat renews "
            + "it every third of that. Another node takes a video over only once its lease ran out")
    long processing_lease_seconds() default 60;

    @AttributeDefinition(description = "How often, in ms, a node looks for videos no node holds (new ones, those a "
            + "stopped node gave back, and those whose lease ran out)")
    long processing_scan_interval_ms() default 2000;

    @AttributeDefinition(description = "On a stop, seconds running transcodes may take to finish; then they are "
            + "broken off and their videos given back to the other nodes")
    long processing_drain_seconds() default 30;
}
