package org.aisora.core.internal.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded queue served round-robin by account: each account waits in a rotation with its own FIFO, so
 * one account's many items delay another account's single item by at most one item per account ahead
 * of it. Places are reserved before the expensive part of an upload, so a full queue refuses before
 * anything is stored. Thread-safe; every method holds the one lock briefly.
 *
 * @param <T> what is queued (media ids)
 */
final class FairQueue<T> {
    private int capacity;
    private int perAccount;
    // insertion order is the rotation: the account served goes to the back
    private final LinkedHashMap<String, ArrayDeque<T>> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> reserved = new HashMap<>();
    private int size;

    FairQueue(int capacity, int perAccount) {
        resize(capacity, perAccount);
    }

    /** New bounds apply to the next reservation; what is queued or reserved stays, even beyond a smaller bound. */
    synchronized void resize(int newCapacity, int newPerAccount) {
        this.capacity = Math.max(1, newCapacity);
        this.perAccount = Math.max(1, Math.min(newPerAccount, this.capacity));
    }

    /** Takes every queued item out (a stopping processor gives them back); reserved places stay reserved. */
    synchronized List<T> drain() {
        List<T> items = new ArrayList<>();
        waiting.values().forEach(items::addAll);
        size -= items.size();
        waiting.clear();
        return items;
    }

    /** @return true when a place for {@code account} is held until {@link #add} or {@link #release} */
    synchronized boolean reserve(String account) {
        if (size >= capacity || held(account) >= perAccount) {
            return false;
        }
        reserved.merge(account, 1, Integer::sum);
        size++;
        return true;
    }

    /** Whether {@link #reserve} would succeed now (a hint: only a reservation holds the place). */
    synchronized boolean hasRoom(String account) {
        return size < capacity && held(account) < perAccount;
    }

    /** Gives back a reserved place that will not be used. */
    synchronized void release(String account) {
        Integer n = reserved.get(account);
        if (n == null) {
            return;
        }
        if (n > 1) {
            reserved.put(account, n - 1);
        } else {
            reserved.remove(account);
        }
        size--;
    }

    /** Turns a reserved place into a queued item. */
    synchronized void add(String account, T item) {
        reserved.computeIfPresent(account, (k, n) -> n > 1 ? n - 1 : null);
        waiting.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(item);
    }

    /** Reserves and adds in one step. @return false when full */
    synchronized boolean offer(String account, T item) {
        if (!reserve(account)) {
            return false;
        }
        add(account, item);
        return true;
    }

    /** The head of the first account in the rotation, which then moves to the back; null when empty. */
    synchronized T poll() {
        Iterator<Map.Entry<String, ArrayDeque<T>>> it = waiting.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<String, ArrayDeque<T>> first = it.next();
        T item = first.getValue().pollFirst();
        it.remove();
        if (!first.getValue().isEmpty()) {
            waiting.put(first.getKey(), first.getValue());
        }
        size--;
        return item;
    }

    /** Queued and reserved places. */
    synchronized int size() {
        return size;
    }

    private int held(String account) {
        ArrayDeque<T> queued = waiting.get(account);
        return reserved.getOrDefault(account, 0) + (queued == null ? 0 : queued.size());
    }
}
