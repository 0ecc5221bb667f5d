package org.aisora.api.service;

import java.time.Instant;

/**
 * One provider call of a job as its owner sees it: which provider and, for vendors, which company saw
 * the prompt and media and what it states it keeps. Vendor task ids stay internal.
 */
public record AttemptView(String provider, String outcome, String errorCode, long latencyMs, long costMicros,
                          Instant startedAt, String vendor, String vendorRetention) {
}
