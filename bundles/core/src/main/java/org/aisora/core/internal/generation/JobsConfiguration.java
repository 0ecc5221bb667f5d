package org.aisora.core.internal.generation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The job engine and submissions (PID org.aisora.core.jobs, file etc/org.aisora.core.jobs.cfg): workers, leases,
 * polling, timeouts and the limits of a request. Workers, scan interval, lease, grace and drain time apply live;
 * {@code worker.queue} at the next start.
 */
@ObjectClassDefinition(name = "AiSora jobs", description = "The job engine and what a submission may ask")
public @interface JobsConfiguration {
    String PID = "org.aisora.core.jobs";

    @AttributeDefinition(description = "Largest image side a user may request, in pixels")
    int max_image_side() default 2048;

    @AttributeDefinition(description = "Longest prompt, in characters")
    int max_prompt_length() default 2000;

    @AttributeDefinition(description = "Generation workers (bounded pool)")
    int workers() default 4;

    @AttributeDefinition(description = "Jobs waiting for a worker in memory; more stay queued in the database")
    int worker_queue() default 256;

    @AttributeDefinition(description = "How often queued jobs left in the database are picked up, ms")
    long scan_interval_ms() default 2000;

    @AttributeDefinition(description = "How often a running provider task is polled, ms")
    long poll_interval_ms() default 500;

    @AttributeDefinition(description = "A provider task running longer than this fails with provider_timeout, s")
    long job_timeout_seconds() default 300;

    @AttributeDefinition(description = "Lease on a claimed job, s: the heartbeat renews it every third of this;"
            + " another node takes a job over only once its lease ran out")
    long job_lease_seconds() default 60;


    @AttributeDefinition(description = "A job recovered after a crash or taken over from another node waits this"
            + " long for a capable provider (and a moderation engine) before it fails with no_provider, s")
    long provider_grace_seconds() default 60;

    @AttributeDefinition(description = "On a stop, running jobs get this long to finish before the engine lets"
            + " go; their leases then run out and another node takes them over, s")
    long job_drain_seconds() default 30;
}
