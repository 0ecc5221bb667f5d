-- Attempts written before the vendor call (issue 14): a job_attempts row is inserted with outcome 'started'
-- before the provider is called, gets vendor_task_id as soon as the vendor answers, and is settled in the same
-- row when the call ends. A node that takes an interrupted job over reads it to poll that task instead of
-- calling the vendor again. idempotency_key is the key the provider was given for the call (null for rows
-- from before this migration and for skipped providers). Portable to H2 and MariaDB.
ALTER TABLE job_attempts ADD COLUMN idempotency_key VARCHAR(100);
