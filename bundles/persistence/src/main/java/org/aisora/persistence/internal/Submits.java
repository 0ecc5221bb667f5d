package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.Admission;
import org.aisora.api.store.AdmissionState;
import org.aisora.api.store.CounterRecord;
import org.aisora.api.store.CounterRefusal;
import org.aisora.api.store.JobEnqueue;
import org.aisora.api.store.JobRecord;

/**
 * A submission in one transaction (account row lock, counters, admission, job insert, hold). The account row is
 * the turnstile: every submission of one account, on any node, locks it first, so counting the active jobs and
 * inserting one cannot interleave, and the counters keyed by the account are only written under it.
 */
final class Submits {
    private Submits() {
    }

    private record Outcome(JobRecord job, RuntimeException refusal) {
    }

    static JobRecord submit(EntityManagerFactory emf, String ownerId, Collection<String> counterKeys, Instant now,
                            Admission admission) {
        List<String> keys = List.copyOf(counterKeys);
        Outcome out = Postings.withBalanceRows(emf, em -> {
            // the lock comes first: on MariaDB the first plain read fixes the transaction's snapshot, and the active
            // jobs must be counted in one taken after the previous submission of this account committed
            AccountEntity owner = em.find(AccountEntity.class, ownerId, LockModeType.PESSIMISTIC_WRITE);
            long bytesUsed = em.createQuery("select coalesce(sum(m.bytes), 0) from Media m where m.ownerId = :o",
                    Long.class).setParameter("o", ownerId).getSingleResult();
            Counters.Locked locked = Counters.lock(em, keys, now);
            State state = new State(em, ownerId, owner == null || owner.erasing() ? null : owner.toRecord(),
                    new HashMap<>(locked.live()), bytesUsed);
            JobEnqueue enqueue;
            try {
                enqueue = admission.admit(state);
            } catch (CounterRefusal r) {
                Counters.write(em, keys, locked, state.counters);
                return new Outcome(null, r.refusal());
            }
            Counters.write(em, keys, locked, state.counters);
            JobEntity job = JobEntity.of(enqueue.job());
            em.persist(job);
            em.flush(); // a reused idempotency key fails here, before any ledger row is locked
            if (enqueue.hold() != null) {
                try {
                    Postings.post(em, enqueue.hold());
                } catch (InsufficientCreditsException e) {
                    // the refusal is checked before the posting writes anything: only the job goes, the counts stay
                    em.remove(job);
                    return new Outcome(null, e);
                }
            }
            return new Outcome(enqueue.job(), null);
        });
        if (out.refusal() != null) {
            throw out.refusal();
        }
        return out.job();
    }

    private static final class State implements AdmissionState {
        private final EntityManager em;
        private final String ownerId;
        private final AccountRecord account;
        final Map<String, CounterRecord> counters;
        private final long bytesUsed;
        private Integer active;

        State(EntityManager em, String ownerId, AccountRecord account, Map<String, CounterRecord> counters,
              long bytesUsed) {
            this.em = em;
            this.ownerId = ownerId;
            this.account = account;
            this.counters = counters;
            this.bytesUsed = bytesUsed;
        }

        @Override
        public AccountRecord account() {
            return account;
        }

        @Override
        public Map<String, CounterRecord> counters() {
            return counters;
        }

        @Override
        public boolean processingRestricted() {
            List<?> flags = em.createNativeQuery("SELECT processing_restricted FROM account_preferences"
                    + " WHERE account_id = ?").setParameter(1, ownerId).getResultList();
            return !flags.isEmpty() && flag(flags.get(0));
        }

        private static boolean flag(Object column) {
            return column instanceof Boolean b ? b : column instanceof Number n && n.intValue() != 0;
        }

        @Override
        public int activeJobs() {
            if (active == null) {
                active = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM jobs WHERE owner_id = ?"
                        + " AND status IN ('QUEUED', 'RUNNING')").setParameter(1, ownerId).getSingleResult()).intValue();
            }
            return active;
        }

        @Override
        public long bytesUsed() {
            return bytesUsed;
        }
    }
}
