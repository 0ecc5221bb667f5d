package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.aisora.api.store.CounterChange;
import org.aisora.api.store.CounterRecord;
import org.aisora.api.store.CounterRefusal;
import org.aisora.api.store.CounterStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = CounterStore.class)
public final class JpaCounterStore implements CounterStore {
    // two first counts of one key race to insert its row: the loser sees a duplicate key and counts again
    private static final int ATTEMPTS = 4;

    /** Forgotten rows of keys nobody touches again (a flood of addresses) go at most this often per node. */
    static final long SWEEP_EVERY_MILLIS = 60_000;
    static final int SWEEP_BATCH = 10_000;

    private final EntityManagerFactory emf;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaCounterStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                           @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
    }

    private record Outcome<T>(T value, RuntimeException refusal) {
    }

    @Override
    public <T> T update(Collection<String> keys, Instant now, CounterChange<T> change) {
        List<String> asked = List.copyOf(keys);
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome<T> out = Tx.inTransaction(emf, em -> {
                    Counters.Locked locked = Counters.lock(em, asked, now);
                    Map<String, CounterRecord> counters = new HashMap<>(locked.live());
                    try {
                        T value = change.apply(counters);
                        Counters.write(em, asked, locked, counters);
                        return new Outcome<>(value, null);
                    } catch (CounterRefusal r) {
                        Counters.write(em, asked, locked, counters);
                        return new Outcome<T>(null, r.refusal());
                    }
                });
                sweepIfDue(now);
                if (out.refusal() != null) {
                    throw out.refusal();
                }
                return out.value();
            } catch (PersistenceException e) {
                if (attempt >= ATTEMPTS || !SqlErrors.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** A failed sweep is harmless (the next one does its work), so it never fails the caller's count. */
    private void sweepIfDue(Instant now) {
        long last = lastSweep.get();
        long at = now.toEpochMilli();
        if ((last == Long.MIN_VALUE || at - last >= SWEEP_EVERY_MILLIS) && lastSweep.compareAndSet(last, at)) {
            try {
                deleteExpired(now, SWEEP_BATCH);
            } catch (PersistenceException e) {
                // the next sweep, on this node or another, deletes what this one left
            }
        }
    }

    @Override
    public Optional<CounterRecord> find(String key, Instant now) {
        return Tx.inTransaction(emf, em -> {
            List<?> rows = em.createNativeQuery("SELECT count_value, stamp, limit_value, expires_at FROM counters"
                    + " WHERE counter_key = ?").setParameter(1, key).getResultList();
            return rows.stream().map(r -> (Object[]) r)
                    .map(c -> new CounterRecord(key, ((Number) c[0]).longValue(), ((Number) c[1]).longValue(),
                            ((Number) c[2]).intValue(), SqlRows.instant(c[3])))
                    .filter(r -> now.isBefore(r.expiresAt())).findFirst();
        });
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return Tx.inTransaction(emf, em -> Counters.deleteExpired(em, now, limit));
    }
}
