package org.aisora.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.store.LedgerPosting;
import org.aisora.api.store.LedgerTransaction;

/** How a ledger transaction is written; shared by the ledger and the job store, which posts inside its own work. */
final class Postings {
    private static final String USER_PREFIX = "user:";
    // balance rows are never deleted, so one round of creating them is enough; the spare rounds cover races
    private static final int ROUNDS = 3;

    private Postings() {
    }

    /**
     * Runs work that posts, in one transaction. A posting meets a missing balance row by rolling back;
     * the rows are then created in transactions of their own and the work runs again.
     */
    static <T> T withBalanceRows(EntityManagerFactory emf, Function<EntityManager, T> work) {
        for (int round = 1; ; round++) {
            try {
                return Tx.inTransaction(emf, work);
            } catch (MissingBalanceRows missing) {
                if (round >= ROUNDS) {
                    throw new IllegalStateException("balance rows keep vanishing: " + missing.ledgerAccounts());
                }
                missing.ledgerAccounts().forEach(account -> createBalanceRow(emf, account));
            }
        }
    }

    /**
     * Posts inside the caller's transaction: locks the balance rows in sorted order (so two postings never
     * wait on each other in a cycle), then checks the key and the user balances under those locks.
     * @return false when the key was already posted
     */
    static boolean post(EntityManager em, LedgerTransaction t) {
        Map<String, Long> deltas = new TreeMap<>();
        for (LedgerPosting p : t.postings()) {
            deltas.merge(p.ledgerAccount(), p.amount(), Math::addExact);
        }
        Map<String, LedgerBalanceEntity> balances = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String account : deltas.keySet()) {
            LedgerBalanceEntity b = em.find(LedgerBalanceEntity.class, account, LockModeType.PESSIMISTIC_WRITE);
            if (b == null) {
                missing.add(account);
            } else {
                balances.put(account, b);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingBalanceRows(missing);
        }
        // read after the locks: a racing post of the same key (same accounts) has committed by now
        if (em.find(LedgerTransactionEntity.class, t.key()) != null) {
            return false;
        }
        deltas.forEach((account, delta) -> {
            long available = balances.get(account).balance();
            if (account.startsWith(USER_PREFIX) && delta < 0 && available + delta < 0) {
                throw new InsufficientCreditsException(-delta, available);
            }
        });
        em.persist(LedgerTransactionEntity.of(t));
        em.flush(); // entries use IDENTITY keys and are inserted at once; their foreign key needs the header first
        for (LedgerPosting p : t.postings()) {
            em.persist(LedgerEntryEntity.of(t, p));
        }
        deltas.forEach((account, delta) -> balances.get(account).add(delta));
        return true;
    }

    /** After a failed post: a unique-key violation on a key that is now there means someone else posted it. */
    static boolean postedElsewhere(EntityManagerFactory emf, PersistenceException failure, String key) {
        return SqlErrors.isConstraintViolation(failure)
                && Tx.inTransaction(emf, em -> em.find(LedgerTransactionEntity.class, key) != null);
    }

    private static void createBalanceRow(EntityManagerFactory emf, String account) {
        try {
            Tx.run(emf, em -> {
                if (em.find(LedgerBalanceEntity.class, account) == null) {
                    em.persist(new LedgerBalanceEntity(account));
                }
            });
        } catch (PersistenceException e) {
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            // another thread created it between our read and our insert: that is all we wanted
        }
    }
}
