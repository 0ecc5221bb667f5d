package org.aisora.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The core's settings (PID org.aisora.core, file etc/org.aisora.core.cfg); every core component reads it. */
@ObjectClassDefinition(name = "AiSora core", description = "Accounts, credits, jobs and plugin choice")
public @interface CoreConfiguration {
    String PID = "org.aisora.core";

    @AttributeDefinition(description = "Credits granted once to every new account")
    long signup_grant_credits() default 100;

    @AttributeDefinition(description = "Credits charged per started 512x512 tile of an image")
    long image_tile_credits() default 5;

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

    @AttributeDefinition(description = "This node's id in job leases, unique per node; empty: a random id per start")
    String node_id() default "";

    @AttributeDefinition(description = "A job recovered after a crash or taken over from another node waits this"
            + " long for a capable provider (and a moderation engine) before it fails with no_provider, s")
    long provider_grace_seconds() default 60;

    @AttributeDefinition(description = "On a stop, running jobs get this long to finish before the engine lets"
            + " go; their leases then run out and another node takes them over, s")
    long job_drain_seconds() default 30;

    @AttributeDefinition(description = "Lifetime of a sign-in session token, hours")
    long session_ttl_hours() default 24;

    @AttributeDefinition(description = "Failed sign-ins per account (e-mail, known or not) that are free; past"
            + " them each attempt waits 1 s doubling per failure (up to login.max.account.delay.seconds in"
            + " org.aisora.core.security) after the latest failure, else 429 (counted in the database, so"
            + " every node shares the count)")
    int login_max_failures_per_account() default 5;

    @AttributeDefinition(description = "Failed sign-ins per client address that are free; past them attempts on"
            + " unknown accounts or accounts with failures of their own wait 1 s doubling, capped short"
            + " (login.max.ip.delay.seconds in org.aisora.core.security); clean accounts are never held back")
    int login_max_failures_per_ip() default 20;

    @AttributeDefinition(description = "Failed sign-ins are forgotten this many seconds after the latest failure's"
            + " delay has passed")
    long login_window_seconds() default 900;

    @AttributeDefinition(description = "A device's last-seen time is written at most this often on API use, seconds")
    long device_touch_seconds() default 3600;

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

    @AttributeDefinition(description = "Minutes between retention sweeps; 0 turns the schedule off (aisora:retention-run still works)")
    long retention_sweep_minutes() default 60;

    @AttributeDefinition(description = "Rows a retention sweep claims and deletes per batch")
    int retention_batch() default 500;

    @AttributeDefinition(description = "Seconds a sweeper's claim on a row lasts; a crashed sweeper's rows are retried after it")
    long retention_lease_seconds() default 300;

    @AttributeDefinition(description = "Hours between storage reconcile passes (orphan blobs), run after a scheduled sweep")
    long retention_reconcile_hours() default 24;

    @AttributeDefinition(description = "Days the payment records of a deleted account are kept, pseudonymised, as the"
            + " law requires (bookkeeping); then the sweeper deletes them")
    int legal_retention_days() default 3650;

    @AttributeDefinition(description = "Analytics: a daily counter made by fewer distinct users than this is withheld")
    int analytics_k() default 5;

    @AttributeDefinition(description = "How often the mail outbox is checked for due messages, ms")
    long mail_interval_ms() default 2000;

    @AttributeDefinition(description = "Messages one outbox pass claims and sends")
    int mail_batch() default 50;

    @AttributeDefinition(description = "Lease on a claimed message, seconds: after it, another node (or this one"
            + " restarted) may send it again; must be longer than a batch takes")
    long mail_lease_seconds() default 600;

    @AttributeDefinition(description = "Attempts per message before it is marked failed")
    int mail_max_attempts() default 8;

    @AttributeDefinition(description = "First retry delay of a message the notifier could not send, seconds;"
            + " doubled per attempt (with jitter) up to mail_retry_max_seconds")
    long mail_retry_base_seconds() default 30;

    @AttributeDefinition(description = "Longest retry delay of a message, seconds")
    long mail_retry_max_seconds() default 3600;

    @AttributeDefinition(description = "Plans: id=monthly.credits:N,retention.days:N,max.concurrent.jobs:N,"
            + "requests.per.minute:N,max.video.seconds:N,max.upload.mb:N (one line each; free is required)")
    String[] plans() default {org.aisora.core.internal.limits.PlanCatalog.FREE_LINE,
        org.aisora.core.internal.limits.PlanCatalog.PRO_LINE};
}
