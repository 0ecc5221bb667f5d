package org.aisora.api.store;

import java.time.Instant;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Counters that every node of one database shares: the sign-in throttle, sign-up limits and per-account
 * request rates hold across nodes because they live here, not in a node's memory.
 *
 * @since 2.2
 */
@ProviderType
public interface CounterStore {
    /**
     * In one transaction: locks the counters of {@code keys} (creating none), hands the live ones (those not
     * expired at {@code now}) to {@code change}, and writes what it leaves. Two nodes updating one key never
     * interleave. A {@link CounterRefusal} commits the counters and throws its refusal; any other exception
     * writes nothing.
     */
    <T> T update(Collection<String> keys, Instant now, CounterChange<T> change);

    /** The live counter of one key, without a lock (for views and tests). */
    java.util.Optional<CounterRecord> find(String key, Instant now);

    /** Deletes up to {@code limit} counters that expired before {@code now}. @return counters deleted */
    int deleteExpired(Instant now, int limit);
}
