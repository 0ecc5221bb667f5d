package org.aisora.core.internal.limits;

import java.util.Objects;

/**
 * What one plan allows. Every limit is at least 1 (a plan that allows nothing is a typo, not a plan);
 * only the monthly credits may be 0.
 *
 * @param id                lowercase plan id, as stored on the account ({@code free}, {@code pro})
 * @param monthlyCredits    credits granted each month
 * @param retentionDays     how long the plan's media are kept
 * @param maxConcurrentJobs queued plus running jobs an account may have at once
 * @param requestsPerMinute API requests per minute; also the burst size
 * @param maxVideoSeconds   longest video a job of this plan may ask for
 * @param maxUploadBytes    largest upload
 * @param maxStorageBytes   bytes the account's media may take, derivatives included
 */
public record Plan(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                   int maxVideoSeconds, long maxUploadBytes, long maxStorageBytes) {
    /** The free plan's storage quota, for plans that name none. */
    public static final long DEFAULT_STORAGE_BYTES = 1024L * 1024 * 1024;

    /** A plan with the default storage quota. */
    public Plan(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                int maxVideoSeconds, long maxUploadBytes) {
        this(id, monthlyCredits, retentionDays, maxConcurrentJobs, requestsPerMinute, maxVideoSeconds, maxUploadBytes,
                DEFAULT_STORAGE_BYTES);
    }

    public Plan {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a plan needs an id");
        }
        if (monthlyCredits < 0) {
            throw new IllegalArgumentException("monthlyCredits must not be negative");
        }
        if (retentionDays < 1 || maxConcurrentJobs < 1 || requestsPerMinute < 1 || maxVideoSeconds < 1
                || maxUploadBytes < 1 || maxStorageBytes < 1) {
            throw new IllegalArgumentException("the limits of plan '" + id + "' must be at least 1");
        }
    }
}
