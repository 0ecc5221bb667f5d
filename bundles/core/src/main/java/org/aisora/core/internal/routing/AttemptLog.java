package org.aisora.core.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The attempts of one job in the order they were made; appended from any thread, read as a snapshot. */
public final class AttemptLog {
    private final String jobId;
    private final List<Attempt> attempts = new ArrayList<>();

    public AttemptLog(String jobId) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
    }

    public String jobId() {
        return jobId;
    }

    public synchronized void append(Attempt attempt) {
        attempts.add(Objects.requireNonNull(attempt, "attempt"));
    }

    /** An immutable copy; later appends do not show in it. */
    public synchronized List<Attempt> snapshot() {
        return List.copyOf(attempts);
    }

    /** What the vendors charged over all attempts, failed ones included. */
    public synchronized long totalCostMicros() {
        return attempts.stream().mapToLong(Attempt::costMicros).sum();
    }
}
