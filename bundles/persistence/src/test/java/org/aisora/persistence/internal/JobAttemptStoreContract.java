package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts written before the vendor call (V16): one row from start to end, the vendor's task id written as soon as
 * it is known, settled once, on a real database.
 */
abstract class JobAttemptStoreContract {
    private TestStores stores;
    private JobStore jobs;

    abstract TestStores open();

    @BeforeEach
    void boot() {
        stores = open();
        jobs = stores.jobs();
    }

    @AfterEach
    void shutdown() throws Exception {
        stores.close();
    }

    private JobRecord job() {
        JobRecord job = Fixtures.job(Fixtures.id(), 0, null, T0);
        jobs.enqueue(job, null);
        return job;
    }

    private static JobAttempt started(String jobId, int seq) {
        return new JobAttempt(jobId, seq, "runway", JobAttempt.STARTED, null, 0, 0, T0, "Runway AI, Inc.",
                "kept 30 days", true, null, "aisora-" + jobId + "-" + seq);
    }

    private static JobAttempt ended(String jobId, int seq, String outcome, String code, String taskId) {
        return new JobAttempt(jobId, seq, "ignored", outcome, code, 900, 250_000, T0.plusSeconds(9), null, null,
                false, taskId, null);
    }

    @Test
    void anAttemptIsOneRowFromItsStartToItsEnd() {
        JobRecord job = job();
        jobs.recordAttempt(started(job.id(), 1));
        assertEquals(List.of(started(job.id(), 1)), jobs.attempts(job.id()), "readable before the vendor answers");

        assertTrue(jobs.attemptAccepted(job.id(), 1, "task-77"));
        JobAttempt accepted = jobs.attempts(job.id()).get(0);
        assertTrue(accepted.started());
        assertEquals("task-77", accepted.vendorTaskId());

        assertTrue(jobs.settleAttempt(ended(job.id(), 1, "succeeded", null, null)));
        assertEquals(List.of(new JobAttempt(job.id(), 1, "runway", "succeeded", null, 900, 250_000, T0,
                "Runway AI, Inc.", "kept 30 days", true, "task-77", "aisora-" + job.id() + "-1")),
                jobs.attempts(job.id()), "settled in place: what the start wrote stays, the task id too");

        assertFalse(jobs.settleAttempt(ended(job.id(), 1, JobAttempt.LOST, "node_lost", null)), "settled once");
        assertFalse(jobs.attemptAccepted(job.id(), 1, "task-78"), "a settled attempt keeps its task id");
        assertEquals("succeeded", jobs.attempts(job.id()).get(0).outcome());
        assertEquals("task-77", jobs.attempts(job.id()).get(0).vendorTaskId());
    }

    @Test
    void aSettlementMayBringTheTaskIdAndOnlyAStartedAttemptIsSettled() {
        JobRecord job = job();
        jobs.recordAttempt(new JobAttempt(job.id(), 1, "stability", "skipped_circuit_open", null, 0, 0, T0, null,
                null, false, null));
        jobs.recordAttempt(started(job.id(), 2));
        assertFalse(jobs.settleAttempt(ended(job.id(), 1, "failed", "x", null)), "a skip was never started");
        assertFalse(jobs.settleAttempt(ended(job.id(), 3, "failed", "x", null)), "no such attempt");
        assertThrows(IllegalArgumentException.class,
                () -> jobs.settleAttempt(ended(job.id(), 2, JobAttempt.STARTED, null, null)));
        assertTrue(jobs.settleAttempt(ended(job.id(), 2, "failed", "provider_unavailable", "task-9")));
        JobAttempt settled = jobs.attempts(job.id()).get(1);
        assertEquals(List.of("failed", "provider_unavailable", "task-9", 900L),
                List.of(settled.outcome(), settled.errorCode(), settled.vendorTaskId(), settled.latencyMs()));
        assertEquals("skipped_circuit_open", jobs.attempts(job.id()).get(0).outcome());
    }

    @Test
    void twoNodesSettlingOneAttemptSettleItOnce() throws Exception {
        JobRecord job = job();
        jobs.recordAttempt(started(job.id(), 1));
        try (TestStores other = stores.node()) {
            JobStore[] both = {jobs, other.jobs()};
            String[] outcomes = {"succeeded", JobAttempt.LOST};
            List<Object> won = Race.each(2, i -> () -> both[i].settleAttempt(ended(job.id(), 1, outcomes[i], null,
                    null)));
            assertEquals(1, won.stream().filter(Boolean.TRUE::equals).count(), "one settlement wins: " + won);
            String outcome = jobs.attempts(job.id()).get(0).outcome();
            assertEquals(outcomes[won.indexOf(Boolean.TRUE)], outcome);
        }
    }

    @Test
    void anErasedJobHasNoAttemptLeftToSettle() {
        JobRecord job = job();
        jobs.recordAttempt(started(job.id(), 1));
        assertEquals(1, jobs.deleteByOwner(job.ownerId()));
        assertFalse(jobs.attemptAccepted(job.id(), 1, "task-1"));
        assertFalse(jobs.settleAttempt(ended(job.id(), 1, "canceled", null, null)));
        assertEquals(List.of(), jobs.attempts(job.id()));
    }
}
