package org.aisora.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides a submission inside {@link JobStore#submit}'s transaction, while the owner's account row is locked:
 * the plan's limits are checked and counted there, so two nodes admitting jobs of one account take turns.
 * It may run more than once (a deadlock victim is retried), so it must depend only on what it is given.
 * Throwing refuses the submission and writes nothing, except a {@link CounterRefusal}, after which the
 * counters it changed are written.
 *
 * @since 2.2
 */
@ConsumerType
@FunctionalInterface
public interface Admission {
    JobEnqueue admit(AdmissionState state);
}
