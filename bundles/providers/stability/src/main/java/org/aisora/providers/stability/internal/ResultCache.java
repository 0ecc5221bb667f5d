package org.aisora.providers.stability.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finished outputs kept until the core has them. Stability hands an async result out once, so a second
 * poll() of a finished task (the core retrying after a storage hiccup) must be answered from here, not
 * from the vendor. The core copies at once, so entries live briefly: bounded by count, bytes and age,
 * eldest first, and dropped at once on cancel or deletion (it is user content).
 */
final class ResultCache {
    record Entry(String contentType, byte[] bytes, Instant expires) {
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

    synchronized void put(String taskId, String contentType, byte[] content) {
        remove(taskId);
        entries.put(taskId, new Entry(contentType, content, clock.instant().plus(ttl)));
        bytes += content.length;
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            boolean over = entries.size() > maxEntries || bytes > maxBytes;
            if (e.getKey().equals(taskId) || !over && e.getValue().expires().isAfter(now)) {
                break; // the newest result always waits for its poll, however large
            }
            bytes -= e.getValue().bytes().length;
            eldest.remove();
        }
    }

    synchronized Optional<Entry> get(String taskId) {
        Entry entry = entries.get(taskId);
        if (entry != null && !entry.expires().isAfter(clock.instant())) {
            remove(taskId);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    synchronized void remove(String taskId) {
        Entry gone = entries.remove(taskId);
        if (gone != null) {
            bytes -= gone.bytes().length;
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
