-- Password-reset codes: one per account, single-use, 30 minutes; the code is kept only as its SHA-256.
-- attempts counts confirmations tried against it (a code stops working after a few). Expired rows go with
-- the retention sweep; an erasure deletes the account's row.
CREATE TABLE password_resets (
    account_id VARCHAR(36) NOT NULL,
    code_hash  VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    attempts   INT         NOT NULL,
    PRIMARY KEY (account_id)
);
CREATE INDEX ix_password_resets_expires ON password_resets (expires_at);
