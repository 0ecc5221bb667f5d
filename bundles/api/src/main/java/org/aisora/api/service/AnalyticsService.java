package org.aisora.api.service;

import java.time.LocalDate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Usage analytics, aggregated and anonymous: daily counters derived from the operational records
 * (jobs and uploads), counting distinct users per cell without naming them. A cell with fewer distinct
 * users than the configured k is suppressed; users who opted out are never counted.
 */
@ProviderType
public interface AnalyticsService {
    /** Daily counters for [from, to] (UTC days); days not rolled up yet are computed on the fly. */
    StatsView stats(LocalDate from, LocalDate to);

    /** Rolls up every complete day not rolled up yet. @return days rolled up by this call */
    int rollUp();

    /** The platform's metrics in the Prometheus text exposition format (0.0.4); no personal data in labels. */
    String prometheus();
}
