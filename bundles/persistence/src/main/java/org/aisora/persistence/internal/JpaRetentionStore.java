package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Query;
import org.aisora.api.store.RetentionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The sweeper's side of the media and jobs tables, in plain SQL (see V10__retention_sweep.sql). A claim
 * is an UPDATE that only takes rows no live claim holds, so two sweepers racing for a row serialise on
 * its lock and the second finds it taken; a delete only removes a row its claim still holds.
 */
@Component(service = RetentionStore.class)
public final class JpaRetentionStore implements RetentionStore {
    private static final String ENDED = "'SUCCEEDED', 'FAILED', 'REJECTED', 'CANCELED'";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaRetentionStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                             @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    /** A sweeper that loses the race for a batch looks again past what was claimed, a few times. */
    private static final int RACES = 5;

    @Override
    public List<Expired> claimExpired(Table table, Instant now, int limit, String claim, Instant leaseUntil) {
        long at = now.toEpochMilli();
        for (int race = 0; race < RACES; race++) {
            List<String> candidates = Tx.inTransaction(emf, em -> strings(em.createNativeQuery("SELECT id FROM "
                            + name(table) + " WHERE expires_at <= ? AND (sweep_until IS NULL OR sweep_until < ?)"
                            + (table == Table.JOBS ? " AND status IN (" + ENDED + ")" : "") + " ORDER BY expires_at")
                    .setParameter(1, at).setParameter(2, at).setMaxResults(Math.max(1, limit)).getResultList()));
            if (candidates.isEmpty()) {
                return List.of();
            }
            int claimed = Tx.inTransaction(emf, em -> {
                // the conditions again: a row another sweeper claimed (or deleted) since the SELECT is left alone
                int n = bind(em.createNativeQuery("UPDATE " + name(table) + " SET sweep_claim = ?, sweep_until = ?"
                                + " WHERE id IN (" + marks(candidates.size()) + ") AND expires_at <= ?"
                                + " AND (sweep_until IS NULL OR sweep_until < ?)"),
                        claim, leaseUntil.toEpochMilli(), candidates, at, at).executeUpdate();
                if (n > 0 && table == Table.MEDIA) { // derivatives go with their original, whatever their own expiry
                    em.createNativeQuery("UPDATE media SET sweep_claim = ?, sweep_until = ? WHERE parent_id IN"
                                    + " (SELECT id FROM (SELECT id FROM media WHERE sweep_claim = ?) claimed)"
                                    + " AND (sweep_until IS NULL OR sweep_until < ?)")
                            .setParameter(1, claim).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, claim)
                            .setParameter(4, at).executeUpdate();
                }
                return n;
            });
            if (claimed > 0) {
                return claimedRows(table, claim);
            }
        }
        return List.of();
    }

    private List<Expired> claimedRows(Table table, String claim) {
        return Tx.inTransaction(emf, em -> {
            List<?> rows = em.createNativeQuery(table == Table.MEDIA
                            ? "SELECT id, kind, owner_id, expires_at, store_id, blob_key FROM media WHERE sweep_claim = ?"
                            : "SELECT id, 'job', owner_id, expires_at FROM jobs WHERE sweep_claim = ?")
                    .setParameter(1, claim).getResultList();
            List<Expired> claimed = new ArrayList<>();
            for (Object o : rows) {
                Object[] r = (Object[]) o;
                claimed.add(new Expired(table, (String) r[0], (String) r[1], (String) r[2],
                        r.length > 4 ? (String) r[4] : null, r.length > 5 ? (String) r[5] : null,
                        r[3] == null ? null : Instant.ofEpochMilli(((Number) r[3]).longValue())));
            }
            return claimed;
        });
    }

    @Override
    public Map<String, Long> deleteClaimed(Table table, java.util.Collection<String> ids, String claim) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> keys = List.copyOf(ids);
        String held = " WHERE sweep_claim = ? AND id IN (" + marks(keys.size()) + ")";
        return Tx.inTransaction(emf, em -> {
            // lock what is still ours, count it by kind, delete exactly that
            List<?> rows = withIds(em.createNativeQuery("SELECT id, " + (table == Table.MEDIA ? "kind" : "'job'")
                    + " FROM " + name(table) + held + " FOR UPDATE"), claim, keys).getResultList();
            Map<String, Long> deleted = new LinkedHashMap<>();
            List<String> mine = new ArrayList<>();
            for (Object o : rows) {
                Object[] r = (Object[]) o;
                mine.add((String) r[0]);
                deleted.merge(String.valueOf(r[1]), 1L, Long::sum);
            }
            if (!mine.isEmpty()) {
                withIds(em.createNativeQuery("DELETE FROM " + name(table) + " WHERE sweep_claim = ? AND id IN ("
                        + marks(mine.size()) + ")"), claim, mine).executeUpdate();
            }
            return deleted;
        });
    }

    private static Query withIds(Query q, String claim, List<String> ids) {
        q.setParameter(1, claim);
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 2, ids.get(i));
        }
        return q;
    }

    @Override
    public Map<String, Long> expiring(Table table, Instant from, Instant to) {
        return Tx.inTransaction(emf, em -> {
            List<?> rows = em.createNativeQuery("SELECT " + (table == Table.MEDIA ? "kind" : "'job'")
                            + ", COUNT(*) FROM " + name(table) + " WHERE expires_at >= ? AND expires_at < ?"
                            + (table == Table.MEDIA ? " GROUP BY kind ORDER BY kind" : ""))
                    .setParameter(1, from.toEpochMilli()).setParameter(2, to.toEpochMilli()).getResultList();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object o : rows) {
                Object[] r = (Object[]) o;
                long n = ((Number) r[1]).longValue();
                if (n > 0) {
                    counts.put((String) r[0], n);
                }
            }
            return counts;
        });
    }

    @Override
    public java.util.Set<String> referencedBlobs(String storeId, java.util.Collection<String> blobKeys) {
        if (blobKeys.isEmpty()) {
            return java.util.Set.of();
        }
        List<String> keys = List.copyOf(blobKeys);
        return Tx.inTransaction(emf, em -> {
            Query q = em.createNativeQuery("SELECT blob_key FROM media WHERE store_id = ? AND blob_key IN ("
                    + marks(keys.size()) + ")").setParameter(1, storeId);
            for (int i = 0; i < keys.size(); i++) {
                q.setParameter(i + 2, keys.get(i));
            }
            return new java.util.HashSet<>(strings(q.getResultList()));
        });
    }

    @Override
    public int rederive(Table table, String ownerId, String kind, long retentionMillis, Instant now) {
        return rederive(table, ownerId, kind, retentionMillis, 0, now);
    }

    @Override
    public int rederiveForPlan(Table table, String plan, String kind, long retentionMillis, Instant now) {
        return rederiveForPlan(table, plan, kind, retentionMillis, 0, now);
    }

    @Override
    public int rederive(Table table, String ownerId, String kind, long retentionMillis, long downgradeGraceMillis,
                        Instant now) {
        return update(table, "owner_id = ?", ownerId, kind, retentionMillis, downgradeGraceMillis, now);
    }

    @Override
    public int rederiveForPlan(Table table, String plan, String kind, long retentionMillis, long downgradeGraceMillis,
                               Instant now) {
        return update(table, "owner_id IN (SELECT id FROM accounts WHERE plan = ?)", plan, kind, retentionMillis,
                downgradeGraceMillis, now);
    }

    /**
     * The new expiry: creation plus the retention, but after a downgrade at t no sooner than t plus the downgrade
     * grace unless the row expired sooner already (what the earlier plan gave it). Once applied it is stable: the
     * floor is bounded by the expiry it replaced, so an hourly re-derivation neither moves it on nor back, and once
     * t plus the grace has passed the floor is in the past and creation plus the retention rules alone.
     */
    private static String expiry(String table) {
        return "GREATEST(created_at + ?, LEAST(COALESCE((SELECT a.downgraded_at FROM accounts a WHERE a.id = "
                + table + ".owner_id), 0) + ?, expires_at))";
    }

    private int update(Table table, String owners, String owner, String kind, long retentionMillis, long graceMillis,
                       Instant now) {
        String expiry = expiry(name(table));
        return Tx.inTransaction(emf, em -> {
            Query q = em.createNativeQuery("UPDATE " + name(table) + " SET expires_at = " + expiry + " WHERE " + owners
                    + " AND expires_at > ? AND expires_at <> " + expiry + (table == Table.MEDIA ? " AND kind = ?" : ""));
            int i = 1;
            q.setParameter(i++, retentionMillis).setParameter(i++, Math.max(0, graceMillis)).setParameter(i++, owner)
                    .setParameter(i++, now.toEpochMilli()).setParameter(i++, retentionMillis)
                    .setParameter(i++, Math.max(0, graceMillis));
            if (table == Table.MEDIA) {
                q.setParameter(i, kind);
            }
            return q.executeUpdate();
        });
    }

    /** Rows of an account that no longer exists: kept under a pseudonym after its deletion. */
    private static final String GONE = " AND account_id NOT IN (SELECT id FROM accounts)";
    /** Record kind -> (table, key column, condition with instants ?1 now, ?2 mail cut-off, ?3 legal cut-off). */
    private static final String[][] RECORDS = {
        {"session", "sessions", "id", "expires_at <= ?1"},
        {"api_token", "api_tokens", "id", "expires_at <= ?1"},
        {"email_change", "account_email_changes", "account_id", "expires_at <= ?1"},
        {"password_reset", "password_resets", "account_id", "expires_at <= ?1"},
        {"audit_entry", "audit_log", "id", "expires_at <= ?1"},
        {"device_record", "devices", "id", "expires_at <= ?1"},
        {"mail", "mail_outbox", "id", "status IN ('sent', 'failed') AND COALESCE(sent_at, created_at) <= ?2"},
        // what the law keeps after an account's deletion (pseudonymised), once its legal retention is over
        {"payment_customer", "billing_customers", "account_id", "created_at <= ?3" + GONE},
        {"payment_checkout", "billing_checkouts", "idempotency_key", "created_at <= ?3" + GONE},
        {"payment_event", "payment_events", "event_id",
            "received_at <= ?3 AND (account_id IS NULL OR account_id NOT IN (SELECT id FROM accounts))"},
        {"subscription", "subscriptions", "account_id", "updated_at <= ?3" + GONE},
    };

    @Override
    public Map<String, Long> deleteExpiredRecords(Instant now, Instant mailBefore, Instant legalBefore, int batch) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (String[] r : RECORDS) {
            String condition = r[3].replace("?1", Long.toString(now.toEpochMilli()))
                    .replace("?2", Long.toString(mailBefore.toEpochMilli()))
                    .replace("?3", Long.toString(legalBefore.toEpochMilli()));
            long total = 0;
            while (true) {
                List<String> keys = Tx.inTransaction(emf, em -> strings(em.createNativeQuery("SELECT " + r[2]
                        + " FROM " + r[1] + " WHERE " + condition).setMaxResults(Math.max(1, batch)).getResultList()));
                if (keys.isEmpty()) {
                    break;
                }
                total += Tx.inTransaction(emf, em -> {
                    Query q = em.createNativeQuery("DELETE FROM " + r[1] + " WHERE " + r[2] + " IN ("
                            + marks(keys.size()) + ") AND " + condition);
                    for (int i = 0; i < keys.size(); i++) {
                        q.setParameter(i + 1, keys.get(i));
                    }
                    return q.executeUpdate();
                });
                if (keys.size() < batch) {
                    break;
                }
            }
            if (total > 0) {
                deleted.put(r[0], total);
            }
        }
        // a policy acceptance is proof of consent and stays; the address it came from is an operational log
        int ips = Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE policy_acceptances SET ip = NULL"
                + " WHERE ip IS NOT NULL AND accepted_at <= ?").setParameter(1, mailBefore.toEpochMilli()).executeUpdate());
        if (ips > 0) {
            deleted.put("acceptance_ip", (long) ips);
        }
        return deleted;
    }

    private static String name(Table table) {
        return table == Table.MEDIA ? "media" : "jobs";
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Query bind(Query q, String claim, long until, List<String> ids, long at1, long at2) {
        int i = 1;
        q.setParameter(i++, claim).setParameter(i++, until);
        for (String id : ids) {
            q.setParameter(i++, id);
        }
        return q.setParameter(i++, at1).setParameter(i, at2);
    }

    private static List<String> strings(List<?> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.toList());
    }
}
