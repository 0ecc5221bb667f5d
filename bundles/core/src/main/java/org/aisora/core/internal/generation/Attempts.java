package org.aisora.core.internal.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aisora.api.provider.GenerationProvider;
import org.aisora.api.provider.ProviderTask;
import org.aisora.api.provider.ThirdParty;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempt rows of one job's provider calls. A call is written {@code started} before the provider is called
 * (with the idempotency key it is given), gets the vendor's task id as soon as the vendor answers, and is settled
 * in the same row when it ends: so a node that takes over a job whose node died finds the call there, and polls
 * its task instead of calling the vendor a second time. The rows are also the third-party processing record:
 * a vendor is recorded as having seen the job before it is sent anything.
 */
final class Attempts {
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    /** A call under way: what its settlement needs; {@code local} when the provider runs on our machine. */
    record Open(JobRecord job, int seq, String providerId, String key, Instant startedAt, boolean local) {
    }

    private final JobStore jobs;
    private final PluginRegistry registry;
    private final Clock clock;

    Attempts(JobStore jobs, PluginRegistry registry, Clock clock) {
        this.jobs = jobs;
        this.registry = registry;
        this.clock = clock;
    }

    /** The key a provider gets for one attempt: the same for the same attempt, never for another. */
    static String key(String jobId, int seq) {
        return "aisora-" + jobId + "-" + seq;
    }

    /**
     * The last call of a job whose run was cut off (a job taken over) when the node died during it or right
     * after it: still started, or succeeded while the job had not ended (its outputs were being stored).
     */
    Optional<JobAttempt> interrupted(String jobId) {
        List<JobAttempt> all = jobs.attempts(jobId);
        JobAttempt last = all.isEmpty() ? null : all.get(all.size() - 1);
        return last != null && (last.started() || "succeeded".equals(last.outcome())) ? Optional.of(last)
                : Optional.empty();
    }

    /**
     * Writes the attempt as started, before the provider is called.
     * @return empty when the job was erased with its account meanwhile: then nothing may be sent
     */
    Optional<Open> start(JobRecord job, int seq, GenerationProvider provider) {
        Instant started = clock.instant();
        ThirdParty vendor = vendor(provider);
        registry.thirdParties().sentToProvider(job.ownerId(), provider.id(), vendor);
        String key = key(job.id(), seq);
        try {
            jobs.recordAttempt(new JobAttempt(job.id(), seq, provider.id(), JobAttempt.STARTED, null, 0, 0, started,
                    vendor == null ? null : vendor.vendor(), vendor == null ? null : vendor.statedRetention(),
                    vendor != null && vendor.deletable(), null, key));
        } catch (RuntimeException e) {
            if (jobs.find(job.id()).isPresent()) {
                throw e;
            }
            return Optional.empty();
        }
        return Optional.of(new Open(job, seq, provider.id(), key, started, vendor == null));
    }

    /**
     * The vendor's task id, right after it answered. Best effort: if the write fails, the call runs on, and a
     * node that takes the job over finds no task id to poll and settles the call as lost.
     */
    void accepted(Open call, ProviderTask task) {
        String taskId = task.taskId();
        if (taskId == null || call.local() && task.isTerminal()) {
            return; // done at once on our machine: the settlement right after brings the id, and a crash re-runs it
        }
        try {
            jobs.attemptAccepted(call.job().id(), call.seq(), taskId);
        } catch (RuntimeException e) {
            LOG.warn("job {}: the vendor's task id of attempt {} could not be written: {}", call.job().id(),
                    call.seq(), e.toString());
        }
    }

    /** Settles the started row; a row already gone (erased with its job) or settled by another node is left. */
    void settle(Open call, String outcome, String code, long costMicros, String taskId) {
        settle(call.job(), call.seq(), outcome, code, call.startedAt(), costMicros, taskId);
    }

    /** Settles a started row this node found (a job it took over). */
    void settle(JobRecord job, JobAttempt found, String outcome, String code, long costMicros, String taskId) {
        settle(job, found.seq(), outcome, code, found.startedAt(), costMicros, taskId);
    }

    private void settle(JobRecord job, int seq, String outcome, String code, Instant started, long costMicros,
                        String taskId) {
        long latency = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        try {
            jobs.settleAttempt(new JobAttempt(job.id(), seq, null, outcome, code, latency, costMicros, started, null,
                    null, false, taskId, null));
        } catch (RuntimeException e) {
            if (jobs.find(job.id()).isPresent()) {
                throw e;
            } // the job was erased with its account while the call ran: there is no record left to keep
        }
    }

    /** A provider that was not called (its circuit is open): a row that is over when it is written. */
    void skipped(JobRecord job, int seq, String providerId, GenerationProvider provider) {
        ThirdParty vendor = provider == null ? null : vendor(provider);
        registry.thirdParties().sentToProvider(job.ownerId(), providerId, vendor);
        try {
            jobs.recordAttempt(new JobAttempt(job.id(), seq, providerId, "skipped_circuit_open", null, 0, 0,
                    clock.instant(), vendor == null ? null : vendor.vendor(),
                    vendor == null ? null : vendor.statedRetention(), vendor != null && vendor.deletable(), null));
        } catch (RuntimeException e) {
            if (jobs.find(job.id()).isPresent()) {
                throw e;
            }
        }
    }

    private static ThirdParty vendor(GenerationProvider provider) {
        try {
            return provider.thirdParty().orElse(null);
        } catch (RuntimeException e) {
            return new ThirdParty(provider.id(), "unknown", false);
        }
    }

    /**
     * Attempt numbers continue after the attempts of an earlier run of the job (a crash, a restart); the count is
     * read once, when the first attempt of this run is written.
     */
    final class Seq {
        private final String jobId;
        private int last = -1;

        Seq(String jobId) {
            this.jobId = jobId;
        }

        int next() {
            if (last < 0) {
                last = jobs.attempts(jobId).size();
            }
            return ++last;
        }
    }
}
