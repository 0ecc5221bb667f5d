package org.aisora.api.store;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A read-modify-write of shared counters, run by the store while it holds their rows locked. It may run
 * more than once (a deadlock victim is retried), so it must depend only on what it is given.
 *
 * @param <T> what it answers
 * @since 2.2
 */
@ConsumerType
@FunctionalInterface
public interface CounterChange<T> {
    /**
     * @param counters the live counters of the requested keys (a key without one is absent); put a counter to
     *                 write it, remove a key to delete its counter. What is left in the map when this returns
     *                 or throws a {@link CounterRefusal} is written.
     */
    T apply(Map<String, CounterRecord> counters);
}
