package org.aisora.core.internal.retention;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Retention sweeps (PID org.aisora.core.retention, file etc/org.aisora.core.retention.cfg): schedule, batches,
 * leases, the storage reconcile and how long the payment records of a deleted account are kept.
 */
@ObjectClassDefinition(name = "AiSora retention", description = "Retention sweeps and the legal minimum")
public @interface RetentionConfiguration {
    String PID = "org.aisora.core.retention";

    @AttributeDefinition(description = "Minutes between retention sweeps; 0 turns the schedule off (aisora:retention-run still works)")
    long retention_sweep_minutes() default 60;

    @AttributeDefinition(description = "Rows a retention sweep claims and deletes per batch")
    int retention_batch() default 500;

    @AttributeDefinition(description = "Seconds a sweeper's claim on a row lasts; a crashed sweeper's rows are retried after it")
    long retention_lease_seconds() default 300;

    @AttributeDefinition(description = "Hours between storage reconcile passes (orphan blobs), run after a scheduled sweep")
    long retention_reconcile_hours() default 24;

    @AttributeDefinition(description = "Days the payment records of a deleted account are kept, pseudonymised, as the"
            + " law requires (bookkeeping); then the sweeper deletes them")
    int legal_retention_days() default 3650;
}
