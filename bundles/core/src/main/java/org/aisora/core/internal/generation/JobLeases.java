package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;

/**
 * This node's side of the leases on jobs: who we are, how long a claim lasts, and the store calls that take,
 * renew and give back claims. A node runs only jobs it holds a claim on; another node takes a job over only
 * when its lease ran out, so a live node's jobs are never run twice.
 */
final class JobLeases {
    private final JobStore jobs;
    private final String node;
    private final Clock clock;
    private volatile Duration lease;

    JobLeases(JobStore jobs, String node, Duration lease, Clock clock) {
        this.jobs = jobs;
        this.node = node;
        this.clock = clock;
        this.lease = lease;
    }

    String node() {
        return node;
    }

    Duration lease() {
        return lease;
    }

    /** Claims made from now on last this long; the heartbeat moves the current ones on to it. */
    void lease(Duration lease) {
        this.lease = lease;
    }

    private Instant until() {
        return clock.instant().plus(lease);
    }

    boolean claim(String jobId) {
        return jobs.claim(jobId, node, clock.instant(), until());
    }

    List<JobRecord> claimQueued(int limit) {
        return jobs.claimQueued(node, clock.instant(), until(), limit);
    }

    boolean markRunning(String jobId) {
        Instant now = clock.instant();
        return jobs.markRunning(jobId, node, now, now.plus(lease));
    }

    int heartbeat() {
        return jobs.extendLeases(node, until());
    }

    List<JobRecord> takeOverExpired(int limit) {
        return jobs.takeOverExpired(node, clock.instant(), until(), limit);
    }

    boolean release(String jobId) {
        return jobs.release(jobId, node);
    }

    int releaseQueued() {
        return jobs.releaseQueued(node);
    }
}
