package org.aisora.api.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The retention sweeper, as administrators drive and watch it. */
@ProviderType
public interface RetentionService {
    /**
     * Sweeps now: every expired row and its blob, in batches. With {@code dryRun} nothing is claimed or
     * deleted; the report counts what would go.
     */
    SweepReport run(boolean dryRun);

    /**
     * Deletes blobs that no row refers to in every store that can list its blobs (orphans a crash left
     * between a blob and its row); blobs written within the last hour are left alone. Counted under
     * {@code orphan_blob}; a store that cannot list is reported as a problem.
     */
    SweepReport reconcile();

    /** What will expire within {@code ahead} from now, by kind (media kinds and {@code job}). */
    Map<String, Long> upcoming(Duration ahead);

    /** The last sweep this node ran (scheduled or not), if any since it started. */
    Optional<SweepReport> lastRun();
}
