package org.aisora.providers.stability.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.aisora.providers.support.SpooledOutput;

/**
 * Finished outputs kept until the core has them. Stability hands an async result out once, so a second
 * poll() of a finished task must be answered from here, not from the vendor. Outputs are spool files, not
 * arrays: an entry is a path. Bounded by count, bytes and age, eldest first; an evicted or removed entry's
 * file is deleted (it is user content), and an entry whose file the core already released is gone.
 */
final class ResultCache {
    record Entry(SpooledOutput output, long size, Instant expires) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private long bytes;

    ResultCache(int maxEntries, long maxBytes, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    synchronized void put(String taskId, SpooledOutput output) {
        remove(taskId);
        long size = output.size();
        entries.put(taskId, new Entry(output, size, clock.instant().plus(ttl)));
        bytes += size;
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            boolean over = entries.size() > maxEntries || bytes > maxBytes;
            if (e.getKey().equals(taskId) || !over && e.getValue().expires().isAfter(now)) {
                break; // the newest result always waits for its poll, however large
            }
            bytes -= e.getValue().size();
            e.getValue().output().close();
            eldest.remove();
        }
    }

    synchronized Optional<Entry> get(String taskId) {
        Entry entry = entries.get(taskId);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expires().isAfter(clock.instant()) || !Files.exists(entry.output().file())) {
            remove(taskId);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    synchronized void remove(String taskId) {
        Entry gone = entries.remove(taskId);
        if (gone != null) {
            bytes -= gone.size();
            gone.output().close();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
