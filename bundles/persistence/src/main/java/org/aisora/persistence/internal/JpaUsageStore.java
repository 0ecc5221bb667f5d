package org.aisora.persistence.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.Query;
import org.aisora.api.store.UsageStore;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Usage counters in plain SQL (see V11__usage.sql). A day is rolled up in one transaction that first
 * marks it in usage_rollups: a second node rolling the same day fails on that key and changes nothing.
 */
@Component(service = UsageStore.class)
public final class JpaUsageStore implements UsageStore {
    private static final String ENDED = "'SUCCEEDED', 'FAILED', 'REJECTED', 'CANCELED'";
    /** Accounts that opted out of analytics are never counted (V7__account_rights.sql). */
    private static final String COUNTED = " AND owner_id NOT IN (SELECT account_id FROM account_preferences"
            + " WHERE analytics_opt_out <> 0)";
    private static final String CELLS = "SELECT feature, type, provider, outcome, error_code, events, users, latency_ms_sum FROM (";
    /** Jobs of one day [?, ?) by type, provider, outcome and error; the first parameter is the day itself. */
    private static final String JOBS = "SELECT 'generation' AS feature, LOWER(type) AS type,"
            + " COALESCE(provider, '') AS provider, LOWER(status) AS outcome,"
            + " COALESCE(error_code, '') AS error_code, COUNT(*) AS events,"
            + " COUNT(DISTINCT owner_id) AS users, SUM(COALESCE(completed_at - created_at, 0)) AS latency_ms_sum"
            + " FROM jobs WHERE created_at >= ? AND created_at < ? AND status IN (" + ENDED + ")" + COUNTED
            + " GROUP BY LOWER(type), COALESCE(provider, ''), LOWER(status),"
            + " COALESCE(error_code, '')";
    private static final String UPLOADS = "SELECT 'upload' AS feature,"
            + " CASE WHEN content_type LIKE 'video/%' THEN 'video' ELSE 'image' END AS type,"
            + " '' AS provider,"
            + " LOWER(COALESCE(status, '')) AS outcome, COALESCE(error_code, '') AS error_code,"
            + " COUNT(*) AS events, COUNT(DISTINCT owner_id) AS users, 0 AS latency_ms_sum"
            + " FROM media WHERE kind = 'upload' AND created_at >= ? AND created_at < ?" + COUNTED
            + " GROUP BY CASE WHEN content_type LIKE 'video/%' THEN 'video' ELSE 'image' END,"
            + " LOWER(COALESCE(status, '')), COALESCE(error_code, '')";

    private final EntityManagerFactory emf;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaUsageStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                         @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    @Override
    public Optional<LocalDate> lastRolledUp() {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("SELECT MAX(usage_day) FROM usage_rollups").getResultList()
                .stream().filter(d -> d != null).findFirst().map(d -> LocalDate.parse(d.toString())));
    }

    @Override
    public Optional<LocalDate> firstActivity() {
        return Tx.inTransaction(emf, em -> {
            Object jobs = em.createNativeQuery("SELECT MIN(created_at) FROM jobs").getSingleResult();
            Object uploads = em.createNativeQuery("SELECT MIN(created_at) FROM media WHERE kind = 'upload'").getSingleResult();
            Long first = null;
            for (Object o : new Object[] {jobs, uploads}) {
                if (o != null && (first == null || ((Number) o).longValue() < first)) {
                    first = ((Number) o).longValue();
                }
            }
            return Optional.ofNullable(first).map(ms -> java.time.Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate());
        });
    }

    @Override
    public boolean rollUp(LocalDate day) {
        try {
            Tx.run(emf, em -> {
                em.createNativeQuery("INSERT INTO usage_rollups (usage_day, rolled_at) VALUES (?, ?)")
                        .setParameter(1, day.toString()).setParameter(2, System.currentTimeMillis()).executeUpdate();
                em.flush();
                for (String source : new String[] {JOBS, UPLOADS}) {
                    em.createNativeQuery("INSERT INTO usage_daily (usage_day, feature, type, provider, outcome, error_code,"
                                    + " events, users, latency_ms_sum) SELECT ?, feature, type, provider, outcome, error_code,"
                                    + " events, users, latency_ms_sum FROM (" + source + ") cells")
                            .setParameter(1, day.toString()).setParameter(2, start(day)).setParameter(3, start(day.plusDays(1)))
                            .executeUpdate();
                }
            });
            return true;
        } catch (PersistenceException e) {
            if (SqlErrors.isConstraintViolation(e)) {
                return false; // another node rolled this day up
            }
            throw e;
        }
    }

    @Override
    public List<Cell> rolledUp(LocalDate from, LocalDate to) {
        return Tx.inTransaction(emf, em -> cells(typed(em.createNativeQuery("SELECT usage_day, feature, type, provider,"
                        + " outcome, error_code, events, users, latency_ms_sum FROM usage_daily"
                        + " WHERE usage_day >= ? AND usage_day <= ?"
                        + " ORDER BY usage_day, feature, type, provider, outcome, error_code"), true)
                .setParameter(1, from.toString()).setParameter(2, to.toString()).getResultList(), null));
    }

    @Override
    public List<Cell> live(LocalDate day) {
        return Tx.inTransaction(emf, em -> {
            List<Cell> cells = new ArrayList<>();
            for (String source : new String[] {JOBS, UPLOADS}) {
                cells.addAll(cells(typed(em.createNativeQuery(CELLS + source + ") cells"), false)
                        .setParameter(1, start(day)).setParameter(2, start(day.plusDays(1))).getResultList(), day));
            }
            return cells;
        });
    }

    @Override
    public Map<String, Long> jobsByStatus() {
        return Tx.inTransaction(emf, em -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object o : em.createNativeQuery("SELECT LOWER(status), COUNT(*) FROM jobs GROUP BY LOWER(status)"
                    + " ORDER BY LOWER(status)").getResultList()) {
                Object[] r = (Object[]) o;
                counts.put((String) r[0], ((Number) r[1]).longValue());
            }
            return counts;
        });
    }

    /**
     * Declares the columns' types instead of letting Hibernate guess from the driver: MariaDB reports
     * computed text columns as CHAR, which Hibernate reads as a single Character.
     */
    private static Query typed(Query query, boolean withDay) {
        NativeQuery<?> q = query.unwrap(NativeQuery.class);
        if (withDay) {
            q.addScalar("usage_day", StandardBasicTypes.STRING);
        }
        for (String text : new String[] {"feature", "type", "provider", "outcome", "error_code"}) {
            q.addScalar(text, StandardBasicTypes.STRING);
        }
        for (String number : new String[] {"events", "users", "latency_ms_sum"}) {
            q.addScalar(number, StandardBasicTypes.LONG);
        }
        return query;
    }

    private static long start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Rows of (day?, feature, type, provider, outcome, error, events, users, latency); day given when absent. */
    private static List<Cell> cells(List<?> rows, LocalDate day) {
        List<Cell> cells = new ArrayList<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            int i = day == null ? 1 : 0;
            cells.add(new Cell(day == null ? LocalDate.parse((String) r[0]) : day, (String) r[i], (String) r[i + 1],
                    (String) r[i + 2], (String) r[i + 3], (String) r[i + 4], ((Number) r[i + 5]).longValue(),
                    ((Number) r[i + 6]).longValue(), ((Number) r[i + 7]).longValue()));
        }
        return cells;
    }
}
