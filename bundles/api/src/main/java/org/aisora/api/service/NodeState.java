package org.aisora.api.service;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether this node takes new work. A draining node answers {@code GET /health/ready} with 503, so a load
 * balancer stops sending it requests, before it stops or releases its work (leases, running jobs). Draining
 * is per node and in memory: a restart serves again.
 */
@ProviderType
public interface NodeState {
    /** Since when this node drains; empty while it serves. */
    Optional<Instant> drainingSince();

    default boolean draining() {
        return drainingSince().isPresent();
    }

    /** Turns the node not-ready. Idempotent: a second call keeps the first instant. */
    void drain();

    /** Serves again after {@link #drain()}. Idempotent. */
    void resume();
}
