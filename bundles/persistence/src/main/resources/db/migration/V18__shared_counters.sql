-- Shared counters (issue 14): the sign-in throttle, sign-up limits and per-account request rates hold across
-- every node on this database. One row per counted key (its owner's prefix, then an e-mail, an address or an
-- account id); count, stamp and limit_value mean what the owner says (failures and the latest one, sign-ups and
-- the window's start, token units and the bucket's time). A row is forgotten once expires_at (epoch millis) has
-- passed: readers treat it as absent, writers delete it, the retention sweep deletes the rest.
-- The index on jobs (below) serves the concurrency cap, counted under the account row lock at every submission.
CREATE TABLE counters (
    counter_key VARCHAR(200) NOT NULL,
    count_value BIGINT       NOT NULL,
    stamp       BIGINT       NOT NULL,
    limit_value INT          NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (counter_key)
);
CREATE INDEX ix_counters_expires ON counters (expires_at);
CREATE INDEX ix_jobs_owner_status ON jobs (owner_id, status);
-- The storage quota sums the owner's media bytes at every submission: from the index alone, not the rows.
CREATE INDEX ix_media_owner_bytes ON media (owner_id, bytes);
