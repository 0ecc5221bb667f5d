package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.persistence.EntityManager;
import javax.persistence.Query;
import org.aisora.api.store.CounterRecord;

/**
 * Reading and writing shared counter rows inside the caller's transaction; shared by the counter store and
 * the job store, which counts inside a submission.
 */
final class Counters {
    private static final String COLUMNS = "counter_key, count_value, stamp, limit_value, expires_at";

    /** The rows that exist (live or not) and the live ones, as handed to a change. */
    record Locked(Map<String, CounterRecord> rows, Map<String, CounterRecord> live) {
    }

    private Counters() {
    }

    /** Locks the existing rows of {@code keys} (in key order, one statement) and sorts out the live ones. */
    static Locked lock(EntityManager em, Collection<String> keys, Instant now) {
        Map<String, CounterRecord> rows = new HashMap<>();
        Map<String, CounterRecord> live = new HashMap<>();
        if (keys.isEmpty()) {
            return new Locked(rows, live);
        }
        List<String> sorted = List.copyOf(new TreeSet<>(keys));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM counters WHERE counter_key IN (");
        for (int i = 0; i < sorted.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY counter_key FOR UPDATE");
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < sorted.size(); i++) {
            q.setParameter(i + 1, sorted.get(i));
        }
        for (Object row : q.getResultList()) {
            Object[] c = (Object[]) row;
            CounterRecord r = new CounterRecord(SqlRows.string(c[0]), ((Number) c[1]).longValue(),
                    ((Number) c[2]).longValue(), ((Number) c[3]).intValue(), SqlRows.instant(c[4]));
            // the database may compare keys ignoring case; the map answers for the key as asked
            String asked = sorted.stream().filter(k -> k.equalsIgnoreCase(r.key())).findFirst().orElse(r.key());
            rows.put(asked, r);
            if (now.isBefore(r.expiresAt())) {
                live.put(asked, r);
            }
        }
        return new Locked(rows, live);
    }

    /**
     * Writes what a change left: a counter put is updated or inserted, a key left out is deleted when it has a
     * row (a forgotten row goes this way too). Only {@code keys} are written.
     */
    static void write(EntityManager em, Collection<String> keys, Locked before, Map<String, CounterRecord> after) {
        for (String key : new TreeSet<>(keys)) {
            CounterRecord now = after.get(key);
            CounterRecord was = before.rows().get(key);
            if (now == null) {
                if (was != null) {
                    em.createNativeQuery("DELETE FROM counters WHERE counter_key = ?").setParameter(1, was.key())
                            .executeUpdate();
                }
            } else if (was == null) {
                bind(em.createNativeQuery("INSERT INTO counters (count_value, stamp, limit_value, expires_at,"
                        + " counter_key) VALUES (?, ?, ?, ?, ?)"), now, key).executeUpdate();
            } else if (!now.equals(before.live().get(key))) {
                bind(em.createNativeQuery("UPDATE counters SET count_value = ?, stamp = ?, limit_value = ?,"
                        + " expires_at = ? WHERE counter_key = ?"), now, was.key()).executeUpdate();
            }
        }
    }

    /** In one statement: rows expired before {@code now}, bounded by the {@code limit}-th oldest expiry. */
    static int deleteExpired(EntityManager em, Instant now, int limit) {
        List<?> nth = em.createNativeQuery("SELECT expires_at FROM counters WHERE expires_at <= ? ORDER BY expires_at")
                .setParameter(1, now.toEpochMilli()).setFirstResult(Math.max(0, limit - 1)).setMaxResults(1)
                .getResultList();
        long cutoff = nth.isEmpty() ? now.toEpochMilli() : ((Number) nth.get(0)).longValue();
        return em.createNativeQuery("DELETE FROM counters WHERE expires_at <= ?").setParameter(1, cutoff)
                .executeUpdate();
    }

    private static Query bind(Query q, CounterRecord r, String key) {
        return q.setParameter(1, r.count()).setParameter(2, r.stamp()).setParameter(3, r.limit())
                .setParameter(4, r.expiresAt().toEpochMilli()).setParameter(5, key);
    }
}
