package org.aisora.core.internal.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.aisora.api.store.UsageStore;

/**
 * Rolls every complete UTC day up into the daily counters, oldest first, before the records it counts
 * can expire: the sweeper calls this before each sweep. A job still running when its day is rolled up
 * is not counted.
 */
public final class Rollups {
    /** At most this many days per call (a long-idle node catches up over a few sweeps). */
    static final int MAX_DAYS = 400;

    private Rollups() {
    }

    /** @return days rolled up by this call */
    public static int rollUp(UsageStore usage, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day = usage.lastRolledUp().map(d -> d.plusDays(1))
                .or(usage::firstActivity).orElse(today);
        int done = 0;
        for (int n = 0; day.isBefore(today) && n < MAX_DAYS; day = day.plusDays(1), n++) {
            if (usage.rollUp(day)) {
                done++;
            }
        }
        return done;
    }
}
