-- Leases for video processing (issue 14): several nodes share the "processing" uploads of the media table. A
-- node claims an item by setting claimed_by (its node id) and lease_until (epoch millis); its heartbeat moves
-- lease_until on while the item waits in that node's queue or is transcoded there. Another node takes an item
-- over only once its lease ran out. Items from before this migration have no lease and count as free. These
-- are independent of the retention sweeper's sweep_claim/sweep_until. Portable to H2 and MariaDB.
ALTER TABLE media ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE media ADD COLUMN lease_until BIGINT;
CREATE INDEX ix_media_processing ON media (status, lease_until);
