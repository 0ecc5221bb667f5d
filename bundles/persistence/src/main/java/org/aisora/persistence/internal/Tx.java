package org.aisora.persistence.internal;

import java.util.function.Consumer;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/** RESOURCE_LOCAL transactions: every store method is one of these, with its own EntityManager. */
final class Tx {
    /** The persistence unit the stores use, as Aries JPA publishes it. */
    static final String UNIT_TARGET = "(osgi.unit.name=aisora)";

    // a deadlock victim or a lock-wait timeout was rolled back entirely, so running it again is safe
    private static final int ATTEMPTS = 4;

    private Tx() {
    }

    static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                rollbackQuietly(tx, e);
                if (attempt >= ATTEMPTS || !SqlErrors.isTransient(e)) {
                    throw e;
                }
            } catch (Error e) {
                // never hand a connection back to the pool inside an open transaction: on MariaDB it would keep
                // its locks (and a metadata lock that blocks DDL) for as long as the pool keeps the connection
                rollbackQuietly(tx, e);
                throw e;
            } finally {
                em.close();
            }
        }
    }

    static void run(EntityManagerFactory emf, Consumer<EntityManager> work) {
        inTransaction(emf, em -> {
            work.accept(em);
            return null;
        });
    }

    private static void rollbackQuietly(EntityTransaction tx, Throwable cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
