package org.aisora.api.service;

/**
 * A plan and its limits, as configured. Retention is what the active retention policy keeps an original
 * upload of the plan for ({@code retentionHours}; {@code retentionDays} rounds it up to whole days), so
 * the number shown is the one enforced.
 */
public record PlanView(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                       int maxVideoSeconds, long maxUploadBytes, long maxStorageBytes, long retentionHours) {

    /** As before the storage quota was shown (service package 1.3); the quota reads 0, unknown. */
    public PlanView(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                    int maxVideoSeconds, long maxUploadBytes) {
        this(id, monthlyCredits, retentionDays, maxConcurrentJobs, requestsPerMinute, maxVideoSeconds, maxUploadBytes, 0,
                retentionDays * 24L);
    }
}
