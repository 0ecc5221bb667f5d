package org.aisora.api.store;

import java.util.Objects;

/**
 * A job to insert as queued and the credit hold to post with it.
 *
 * @since 2.2
 */
public record JobEnqueue(JobRecord job, LedgerTransaction hold) {
    public JobEnqueue {
        Objects.requireNonNull(job, "job");
    }
}
