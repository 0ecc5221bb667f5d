-- The vendor deletion queue: one row per vendor task to delete at its vendor, queued when our copy goes
-- (expiry, media deletion, account deletion). No account id: rows outlive the job, attempt and account rows.
-- status pending -> deleted | failed, or not_supported from the start (the vendor offers no deletion, its
-- stated retention is kept with the row). A pending row is claimed by setting claimed_by and moving
-- next_attempt_at to the end of the claim's lease.
CREATE TABLE vendor_deletions (
    id                VARCHAR(36)   NOT NULL,
    provider_id       VARCHAR(100)  NOT NULL,
    vendor            VARCHAR(100),
    vendor_task_id    VARCHAR(200)  NOT NULL,
    reason            VARCHAR(32)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL,
    next_attempt_at   BIGINT        NOT NULL,
    last_error        VARCHAR(100),
    vendor_retention  VARCHAR(500),
    claimed_by        VARCHAR(64),
    created_at        BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_vendor_deletions_task UNIQUE (provider_id, vendor_task_id)
);
CREATE INDEX ix_vendor_deletions_due ON vendor_deletions (status, next_attempt_at);
CREATE INDEX ix_vendor_deletions_updated ON vendor_deletions (status, updated_at);
