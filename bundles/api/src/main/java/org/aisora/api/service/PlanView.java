package org.aisora.api.service;

/** A plan and its limits, as configured. */
public record PlanView(String id, long monthlyCredits, int retentionDays, int maxConcurrentJobs, int requestsPerMinute,
                       int maxVideoSeconds, long maxUploadBytes) {
}
