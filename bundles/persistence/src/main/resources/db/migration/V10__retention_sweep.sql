-- The retention sweeper's claims: a row being swept names the claim that holds it and until when.
-- A claim that runs out (its sweeper crashed) is taken over by the next sweep.
ALTER TABLE media ADD COLUMN sweep_claim VARCHAR(64);
ALTER TABLE media ADD COLUMN sweep_until BIGINT;
ALTER TABLE jobs ADD COLUMN sweep_claim VARCHAR(64);
ALTER TABLE jobs ADD COLUMN sweep_until BIGINT;
CREATE INDEX ix_jobs_expires ON jobs (expires_at);
CREATE INDEX ix_media_sweep_claim ON media (sweep_claim);
CREATE INDEX ix_jobs_sweep_claim ON jobs (sweep_claim);
CREATE INDEX ix_media_store_blob ON media (store_id, blob_key);
