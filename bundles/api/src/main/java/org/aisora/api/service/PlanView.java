package org.aisora.api.service;

/** A plan and its limits, as configured. */
public record PlanView(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                       int maxVideoSeconds, long maxUploadBytes, long maxStorageBytes) {

    /** As before the storage quota was shown (service package 1.3); the quota reads 0, unknown. */
    public PlanView(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                    int maxVideoSeconds, long maxUploadBytes) {
        this(id, monthlyCredits, retentionDays, maxConcurrentJobs, requestsPerMinute, maxVideoSeconds, maxUploadBytes, 0);
    }
}
