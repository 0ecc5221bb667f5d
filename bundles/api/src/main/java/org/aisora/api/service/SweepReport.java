package org.aisora.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sweep: what was deleted (or, dry, would be) by kind, what failed by kind and why (the first few
 * reasons), and how long it took. A failed item stays claimed until its lease runs out and is retried.
 */
public record SweepReport(Instant startedAt, long durationMillis, boolean dryRun, Map<String, Long> deleted,
                          Map<String, Long> failed, List<String> problems, int rederived) {
    public SweepReport {
        deleted = Map.copyOf(deleted);
        failed = Map.copyOf(failed);
        problems = List.copyOf(problems);
    }

    public long total() {
        return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
}
