package org.aisora.core.internal.limits;

import org.aisora.api.error.RateLimitedException;

import org.aisora.api.error.AisoraException;
import org.aisora.api.error.AisoraException.Kind;

/** Every way a plan's limits say no, each with its own code; messages name the limit and the plan. */
public final class LimitRefusals {
    /** 429 + Retry-After: more requests per minute than the plan allows. */
    public static final String RATE_LIMITED = "rate_limited";
    /** 429 + Retry-After: the account already has as many queued and running jobs as its plan allows. */
    public static final String TOO_MANY_CONCURRENT_JOBS = "too_many_concurrent_jobs";
    /** 422: the requested video is longer than the plan allows. */
    public static final String VIDEO_TOO_LONG_FOR_PLAN = "video_too_long_for_plan";
    /** 413: the upload is larger than the plan allows. */
    public static final String UPLOAD_TOO_LARGE_FOR_PLAN = "upload_too_large_for_plan";

    /** 413: the account's media already take, or with this upload would take, more than the plan's quota. */
    public static final String STORAGE_QUOTA_EXCEEDED = "storage_quota_exceeded";

    private LimitRefusals() {
    }

    public static RateLimitedException rateLimited(Plan plan, long retryAfterSeconds) {
        return new RateLimitedException(RATE_LIMITED, "the " + plan.id() + " plan allows "
                + plan.requestsPerMinute() + " requests per minute; retry in " + Math.max(1, retryAfterSeconds) + " s",
                retryAfterSeconds);
    }

    public static RateLimitedException tooManyConcurrentJobs(Plan plan, long retryAfterSeconds) {
        return new RateLimitedException(TOO_MANY_CONCURRENT_JOBS, "the " + plan.id() + " plan allows "
                + plan.maxConcurrentJobs() + " queued or running jobs at once; wait for one to finish",
                retryAfterSeconds);
    }

    public static AisoraException videoTooLongForPlan(Plan plan, int requestedSeconds) {
        return AisoraException.unprocessable(VIDEO_TOO_LONG_FOR_PLAN, "a video of " + requestedSeconds
                + " s is longer than the " + plan.maxVideoSeconds() + " s the " + plan.id() + " plan allows");
    }

    public static AisoraException uploadTooLargeForPlan(Plan plan) {
        return new AisoraException(Kind.PAYLOAD_TOO_LARGE, UPLOAD_TOO_LARGE_FOR_PLAN,
                "the upload is larger than the " + plan.maxUploadBytes() + " bytes the " + plan.id() + " plan allows");
    }

    /** Throws 422 {@code video_too_long_for_plan} when {@code seconds} is over the plan's limit. */
    public static void requireVideoSeconds(Plan plan, int seconds) {
        if (seconds > plan.maxVideoSeconds()) {
            throw videoTooLongForPlan(plan, seconds);
        }
    }

    /** Throws 413 {@code upload_too_large_for_plan} when a declared length (-1 = unknown) is over the plan's limit. */
    public static void requireUploadBytes(Plan plan, long declaredLength) {
        if (declaredLength > plan.maxUploadBytes()) {
            throw uploadTooLargeForPlan(plan);
        }
    }

    /** The cap to stream an upload against: the smaller of the plan's and the platform's. */
    public static long uploadCap(Plan plan, long platformMaxBytes) {
        return Math.min(plan.maxUploadBytes(), platformMaxBytes);
    }

    public static AisoraException storageQuotaExceeded(Plan plan) {
        return new AisoraException(Kind.PAYLOAD_TOO_LARGE, STORAGE_QUOTA_EXCEEDED, "the " + plan.id()
                + " plan stores at most " + plan.maxStorageBytes() / (1024 * 1024) + " MiB; delete media to make room");
    }

    /**
     * Throws 413 {@code storage_quota_exceeded} when nothing is left of the quota, or a declared length
     * (-1 = unknown) is over what is left.
     */
    public static void requireStorage(Plan plan, long remainingBytes, long declaredLength) {
        if (remainingBytes <= 0 || declaredLength > remainingBytes) {
            throw storageQuotaExceeded(plan);
        }
    }
}
