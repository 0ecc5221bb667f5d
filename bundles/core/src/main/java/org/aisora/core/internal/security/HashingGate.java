package org.aisora.core.internal.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.aisora.api.error.ServiceBusyException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Bounds the Argon2 work running at once: each hash holds ~19 MiB of heap, so unbounded parallel sign-ups
 * or sign-ins exhaust the heap. A caller waits briefly for a slot, then gets {@code 503 busy} with
 * Retry-After. One client address may hold at most half the slots (at least one), so a flood from one
 * address leaves slots for everyone else. Callers without an address (console, internal) are not from
 * the network and only count against the total.
 */
@Component(service = HashingGate.class, configurationPid = SecurityConfiguration.PID)
@Designate(ocd = SecurityConfiguration.class)
public final class HashingGate {
    public static final String CODE = "busy";
    /** Argon2 with m = 19 MiB, plus the generator's own bookkeeping. */
    static final long BYTES_PER_HASH = 20L * 1024 * 1024;

    // changed by an edit under the lock (which acquire and release hold); read elsewhere through volatile
    private volatile int permits;
    private volatile int perAddress;
    private volatile long waitNanos;
    private volatile long retryAfterSeconds;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Map<String, Integer> held = new HashMap<>();
    private int inUse;

    @Activate
    public HashingGate(SecurityConfiguration config) {
        this(permits(config), Duration.ofMillis(Math.max(0, config.hash_wait_millis())),
                config.hash_retry_after_seconds());
    }

    /**
     * An edit applies at once: a larger gate lets waiting callers in, a smaller one lets the hashes under way end
     * and admits no more until they fit. The gate stays registered, so sign-in never loses it.
     */
    @Modified
    void modified(SecurityConfiguration config) {
        lock.lock();
        try {
            this.permits = permits(config);
            this.perAddress = Math.max(1, permits / 2);
            this.waitNanos = Duration.ofMillis(Math.max(0, config.hash_wait_millis())).toNanos();
            this.retryAfterSeconds = Math.max(1, config.hash_retry_after_seconds());
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static int permits(SecurityConfiguration config) {
        return config.hash_permits() > 0 ? config.hash_permits()
                : permitsFor(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
    }

    HashingGate(int permits, Duration wait, long retryAfterSeconds) {
        if (permits < 1) {
            throw new IllegalArgumentException("the hashing gate needs at least one permit");
        }
        this.permits = permits;
        this.perAddress = Math.max(1, permits / 2);
        this.waitNanos = wait.toNanos();
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** A quarter of the heap for hashing, at most two hashes per core (more only queue for the CPU). */
    static int permitsFor(long maxMemory, int cores) {
        long fromHeap = maxMemory / 4 / BYTES_PER_HASH;
        return (int) Math.max(1, Math.min(fromHeap, 2L * Math.max(1, cores)));
    }

    public int permits() {
        return permits;
    }

    /**
     * Runs the work holding a slot.
     *
     * @throws ServiceBusyException {@value #CODE} when no slot (or no slot this address may take) frees in time
     */
    public <T> T run(String address, Supplier<T> work) {
        acquire(address);
        try {
            return work.get();
        } finally {
            release(address);
        }
    }

    private void acquire(String address) {
        long remaining = waitNanos;
        lock.lock();
        try {
            while (inUse >= permits || (address != null && held.getOrDefault(address, 0) >= perAddress)) {
                if (remaining <= 0) {
                    throw new ServiceBusyException(CODE, "the server is busy checking passwords; try again shortly",
                            retryAfterSeconds);
                }
                remaining = freed.awaitNanos(remaining);
            }
            inUse++;
            if (address != null) {
                held.merge(address, 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException(CODE, "interrupted while waiting for a hashing slot", retryAfterSeconds);
        } finally {
            lock.unlock();
        }
    }

    private void release(String address) {
        lock.lock();
        try {
            inUse--;
            if (address != null) {
                held.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
            }
            // a waiter may be blocked by its address share, not the total: wake all to re-check
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** For tests and metrics: slots held right now. */
    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }
}
