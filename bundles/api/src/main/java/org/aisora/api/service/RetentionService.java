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

    /** What will expire within {@code ahead} from now, by kind (media kinds and {@code job}). */
    Map<String, Long> upcoming(Duration ahead);

    /** The last sweep this node ran (scheduled or not), if any since it started. */
    Optional<SweepReport> lastRun();
}
