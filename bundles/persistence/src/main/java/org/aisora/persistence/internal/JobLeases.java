package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.aisora.api.store.JobRecord;

/**
 * The leases on jobs in plain SQL (see V15__job_leases.sql): the columns are not mapped, only these statements
 * touch them. A claim selects rows with {@code FOR UPDATE SKIP LOCKED} and marks them in the same transaction,
 * so nodes claiming at once take different rows and none waits on another; the claim then lives on as a
 * lease (claimed_by, lease_until), not as a held lock, while the job runs.
 */
final class JobLeases {
    private static final String QUEUED = "'QUEUED'";
    private static final String RUNNING = "'RUNNING'";
    /** A claim nobody holds any more: never made, or its node stopped renewing it. */
    private static final String FREE = "(claimed_by IS NULL OR lease_until IS NULL OR lease_until < ?)";
    private static final String EXPIRED = "(lease_until IS NULL OR lease_until < ?)";

    private final EntityManagerFactory emf;

    JobLeases(EntityManagerFactory emf) {
        this.emf = emf;
    }

    List<JobRecord> claimQueued(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            List<JobRecord> claimed = new ArrayList<>();
            for (Object id : lockFree(em, "status = " + QUEUED + " AND " + FREE, "created_at, id", at, limit)) {
                int won = em.createNativeQuery("UPDATE jobs SET claimed_by = ?, lease_until = ? WHERE id = ?"
                                + " AND status = " + QUEUED + " AND " + FREE)
                        .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, id)
                        .setParameter(4, at).executeUpdate();
                if (won == 1) {
                    claimed.add(load(em, id));
                }
            }
            return claimed;
        });
    }

    boolean claim(String jobId, String node, Instant now, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE jobs SET claimed_by = ?, lease_until = ?"
                        + " WHERE id = ? AND status = " + QUEUED + " AND (claimed_by = ? OR " + FREE + ")")
                .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, jobId)
                .setParameter(4, node).setParameter(5, now.toEpochMilli()).executeUpdate() == 1);
    }

    boolean markRunning(String jobId, String node, Instant startedAt, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE jobs SET status = " + RUNNING
                        + ", provider = NULL, started_at = ?, lease_until = ? WHERE id = ? AND status = " + QUEUED
                        + " AND claimed_by = ?")
                .setParameter(1, startedAt.toEpochMilli()).setParameter(2, leaseUntil.toEpochMilli())
                .setParameter(3, jobId).setParameter(4, node).executeUpdate() == 1);
    }

    int extendLeases(String node, Instant leaseUntil) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE jobs SET lease_until = ? WHERE claimed_by = ?"
                        + " AND status IN (" + QUEUED + ", " + RUNNING + ")")
                .setParameter(1, leaseUntil.toEpochMilli()).setParameter(2, node).executeUpdate());
    }

    List<JobRecord> takeOverExpired(String node, Instant now, Instant leaseUntil, int limit) {
        long at = now.toEpochMilli();
        return Tx.inTransaction(emf, em -> {
            List<JobRecord> taken = new ArrayList<>();
            for (Object id : lockFree(em, "status = " + RUNNING + " AND " + EXPIRED, "started_at, id", at, limit)) {
                int won = em.createNativeQuery("UPDATE jobs SET status = " + QUEUED + ", provider = NULL,"
                                + " claimed_by = ?, lease_until = ? WHERE id = ? AND status = " + RUNNING
                                + " AND " + EXPIRED)
                        .setParameter(1, node).setParameter(2, leaseUntil.toEpochMilli()).setParameter(3, id)
                        .setParameter(4, at).executeUpdate();
                if (won == 1) {
                    taken.add(load(em, id));
                }
            }
            return taken;
        });
    }

    int releaseQueued(String node) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE jobs SET claimed_by = NULL, lease_until = NULL"
                        + " WHERE claimed_by = ? AND status = " + QUEUED)
                .setParameter(1, node).executeUpdate());
    }

    boolean release(String jobId, String node) {
        return Tx.inTransaction(emf, em -> em.createNativeQuery("UPDATE jobs SET claimed_by = NULL, lease_until = NULL"
                        + " WHERE id = ? AND claimed_by = ? AND status IN (" + QUEUED + ", " + RUNNING + ")")
                .setParameter(1, jobId).setParameter(2, node).executeUpdate() == 1);
    }

    /** The ids of rows matching {@code where} (one {@code ?}: the time), locked, skipping rows others hold. */
    @SuppressWarnings("unchecked")
    private static List<Object> lockFree(EntityManager em, String where, String order, long at, int limit) {
        // LIMIT written out: Hibernate would append its own after FOR UPDATE, which neither database parses
        return em.createNativeQuery("SELECT id FROM jobs WHERE " + where + " ORDER BY " + order + " LIMIT "
                        + Math.max(1, limit) + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, at).getResultList();
    }

    private static JobRecord load(EntityManager em, Object id) {
        JobEntity job = em.find(JobEntity.class, id);
        em.refresh(job); // a native UPDATE bypasses the persistence context: read the row as it is now
        return job.toRecord();
    }
}
