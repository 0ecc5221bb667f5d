package org.aisora.api.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Daily usage counters, derived from jobs and uploads; the cells never name an account. */
@ProviderType
public interface UsageStore {
    /** One aggregated cell of one day. */
    record Cell(LocalDate day, String feature, String type, String provider, String outcome, String errorCode,
                long events, long users, long latencyMsSum) {
    }

    /** The newest day rolled up, if any. */
    Optional<LocalDate> lastRolledUp();

    /** The oldest day with a job or an upload still on record, if any. */
    Optional<LocalDate> firstActivity();

    /**
     * Rolls one complete day up from the jobs and uploads on record, skipping accounts that opted out of
     * analytics; once per day across nodes. @return false if the day was rolled up already
     */
    boolean rollUp(LocalDate day);

    /** Rolled-up cells of [from, to]. */
    List<Cell> rolledUp(LocalDate from, LocalDate to);

    /** Cells of one day computed now from the records (for days not rolled up yet). */
    List<Cell> live(LocalDate day);

    /** Jobs by status, now (a gauge). */
    Map<String, Long> jobsByStatus();
}
