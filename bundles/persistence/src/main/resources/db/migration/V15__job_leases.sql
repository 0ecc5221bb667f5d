-- Leases for jobs (issue 14): several nodes share one database queue. A node claims a queued job by
-- setting claimed_by (its node id) and lease_until (epoch millis); a heartbeat moves lease_until on while
-- the node holds the job, queued or running. Only a job whose lease ran out is taken over by another node.
-- Jobs from before this migration have no lease and count as expired. Portable to H2 and MariaDB.
ALTER TABLE jobs ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;
CREATE INDEX ix_jobs_claimed ON jobs (claimed_by, status);
