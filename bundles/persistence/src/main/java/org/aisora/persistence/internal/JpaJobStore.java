package org.aisora.persistence.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import org.aisora.api.error.AisoraException;
import org.aisora.api.store.Admission;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerTransaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = JobStore.class)
public final class JpaJobStore implements JobStore {
    private final EntityManagerFactory emf;
    private final JobLeases leases;

    /** @param schema unused: its presence proves the migrations ran */
    @Activate
    public JpaJobStore(@Reference(name = "emf", target = Tx.UNIT_TARGET) EntityManagerFactory emf,
                       @Reference(name = "schema") SchemaReady schema) {
        this.emf = emf;
        this.leases = new JobLeases(emf);
    }

    /** @throws AisoraException {@code idempotency_key_reused} (409) when the owner already used the key */
    @Override
    public void enqueue(JobRecord job, LedgerTransaction hold) {
        try {
            Postings.withBalanceRows(emf, em -> {
                em.persist(JobEntity.of(job));
                em.flush(); // a reused idempotency key fails here, before any ledger row is locked
                return hold == null || Postings.post(em, hold);
            });
        } catch (PersistenceException e) {
            throw reusedKey(e);
        }
    }

    /** @throws AisoraException {@code idempotency_key_reused} (409) when the owner already used the key */
    @Override
    public JobRecord submit(String ownerId, Collection<String> counterKeys, Instant now, Admission admission) {
        try {
            return Submits.submit(emf, ownerId, counterKeys, now, admission);
        } catch (PersistenceException e) {
            throw reusedKey(e);
        }
    }

    private static RuntimeException reusedKey(PersistenceException e) {
        if (SqlErrors.isConstraintViolation(e, "ux_jobs_owner_idempotency")) {
            return AisoraException.conflict("idempotency_key_reused", "a generation with this idempotency key exists");
        }
        return e;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return Tx.inTransaction(emf, em -> Optional.ofNullable(em.find(JobEntity.class, id))
                .map(JobEntity::toRecord));
    }

    @Override
    public Optional<JobRecord> findByIdempotencyKey(String ownerId, String idempotencyKey) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select j from Job j where j.ownerId = :owner and j.idempotencyKey = :key",
                        JobEntity.class)
                .setParameter("owner", ownerId).setParameter("key", idempotencyKey)
                .getResultList().stream().findFirst().map(JobEntity::toRecord));
    }

    @Override
    public List<JobRecord> listByOwner(String ownerId, int offset, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select j from Job j where j.ownerId = :owner order by j.createdAt desc, j.id desc",
                        JobEntity.class)
                .setParameter("owner", ownerId).setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(JobEntity::toRecord).toList());
    }

    @Override
    public List<JobRecord> listRecent(int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select j from Job j order by j.createdAt desc, j.id desc", JobEntity.class)
                .setMaxResults(limit)
                .getResultList().stream().map(JobEntity::toRecord).toList());
    }

    /** Oldest first, the order in which queued work is due. */
    @Override
    public List<JobRecord> listByStatus(JobStatus status, int limit) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select j from Job j where j.status = :status order by j.createdAt, j.id", JobEntity.class)
                .setParameter("status", status).setMaxResults(limit)
                .getResultList().stream().map(JobEntity::toRecord).toList());
    }

    @Override
    public int countActive(String ownerId) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select count(j) from Job j where j.ownerId = :owner and j.status in (:queued, :running)",
                        Long.class)
                .setParameter("owner", ownerId).setParameter("queued", JobStatus.QUEUED)
                .setParameter("running", JobStatus.RUNNING).getSingleResult().intValue());
    }

    /** Outside the leases: the job holds no claim afterwards, so any node's scan takes it over. */
    @Override
    public boolean markRunning(String jobId, String provider, Instant startedAt) {
        return Tx.inTransaction(emf, em -> em
                .createNativeQuery("UPDATE jobs SET status = 'RUNNING', provider = ?, started_at = ?, claimed_by = NULL,"
                        + " lease_until = NULL WHERE id = ? AND status = 'QUEUED'")
                .setParameter(1, provider).setParameter(2, startedAt.toEpochMilli()).setParameter(3, jobId)
                .executeUpdate() == 1);
    }

    /** Forgets the provider, start time and claim too: the next run may land on another provider and node. */
    @Override
    public boolean requeue(String jobId) {
        return Tx.inTransaction(emf, em -> em
                .createNativeQuery("UPDATE jobs SET status = 'QUEUED', provider = NULL, started_at = NULL,"
                        + " claimed_by = NULL, lease_until = NULL WHERE id = ? AND status = 'RUNNING'")
                .setParameter(1, jobId).executeUpdate() == 1);
    }

    @Override
    public List<JobRecord> claimQueued(String node, Instant now, Instant leaseUntil, int limit) {
        return leases.claimQueued(node, now, leaseUntil, limit);
    }

    @Override
    public boolean claim(String jobId, String node, Instant now, Instant leaseUntil) {
        return leases.claim(jobId, node, now, leaseUntil);
    }

    @Override
    public boolean markRunning(String jobId, String node, Instant startedAt, Instant leaseUntil) {
        return leases.markRunning(jobId, node, startedAt, leaseUntil);
    }

    @Override
    public int extendLeases(String node, Instant leaseUntil) {
        return leases.extendLeases(node, leaseUntil);
    }

    @Override
    public List<JobRecord> takeOverExpired(String node, Instant now, Instant leaseUntil, int limit) {
        return leases.takeOverExpired(node, now, leaseUntil, limit);
    }

    @Override
    public int releaseQueued(String node) {
        return leases.releaseQueued(node);
    }

    @Override
    public boolean release(String jobId, String node) {
        return leases.release(jobId, node);
    }

    @Override
    public boolean complete(JobCompletion completion) {
        if (!completion.status().isTerminal()) {
            throw new IllegalArgumentException("a completion needs a terminal status, not " + completion.status());
        }
        return Postings.withBalanceRows(emf, em -> {
            // the row lock makes this a compare-and-set: a racing completion waits, then sees a terminal status
            JobEntity job = em.find(JobEntity.class, completion.jobId(), LockModeType.PESSIMISTIC_WRITE);
            if (job == null || job.status().isTerminal()) {
                return false;
            }
            job.complete(completion);
            completion.outputs().forEach(media -> em.persist(MediaEntity.of(media)));
            if (completion.settlement() != null) {
                Postings.post(em, completion.settlement());
            }
            return true;
        });
    }

    @Override
    public void recordAttempt(JobAttempt attempt) {
        Tx.inTransaction(emf, em -> {
            em.persist(JobAttemptEntity.of(attempt));
            return null;
        });
    }

    @Override
    public boolean attemptAccepted(String jobId, int seq, String vendorTaskId) {
        return Tx.inTransaction(emf, em -> {
            JobAttemptEntity row = startedRow(em, jobId, seq);
            if (row == null) {
                return false;
            }
            row.accept(vendorTaskId);
            return true;
        });
    }

    /** A compare-and-set on the outcome: of two nodes that both think they ran the call, one settles it. */
    @Override
    public boolean settleAttempt(JobAttempt attempt) {
        if (attempt.started()) {
            throw new IllegalArgumentException("an attempt is settled with an outcome other than started");
        }
        return Tx.inTransaction(emf, em -> {
            JobAttemptEntity row = startedRow(em, attempt.jobId(), attempt.seq());
            if (row == null) {
                return false;
            }
            row.settle(attempt);
            return true;
        });
    }

    /** The attempt's row, locked, when it is still started; else null. */
    private static JobAttemptEntity startedRow(EntityManager em, String jobId, int seq) {
        JobAttemptEntity row = em.find(JobAttemptEntity.class, new JobAttemptEntity.Key(jobId, seq),
                LockModeType.PESSIMISTIC_WRITE);
        return row == null || !row.toRecord().started() ? null : row;
    }

    /** Attempts first: the cascade of V4 would do it, but not every engine honours it inside one bulk delete. */
    @Override
    public int deleteByOwner(String ownerId) {
        return Tx.inTransaction(emf, em -> {
            em.createNativeQuery("DELETE FROM job_attempts WHERE job_id IN (SELECT id FROM jobs WHERE owner_id = ?)")
                    .setParameter(1, ownerId).executeUpdate();
            return em.createNativeQuery("DELETE FROM jobs WHERE owner_id = ?").setParameter(1, ownerId).executeUpdate();
        });
    }

    @Override
    public List<JobAttempt> attempts(String jobId) {
        return Tx.inTransaction(emf, em -> em
                .createQuery("select a from JobAttempt a where a.jobId = :job order by a.seq", JobAttemptEntity.class)
                .setParameter("job", jobId).getResultList().stream().map(JobAttemptEntity::toRecord).toList());
    }
}
