-- Privacy rights: restriction/objection preferences (no row = every preference off) and e-mail
-- changes awaiting verification (one per account; the code is kept only as its SHA-256).
-- Both are keyed by account id and go with the account when it is deleted.
CREATE TABLE account_preferences (
    account_id            VARCHAR(36) NOT NULL,
    analytics_opt_out     INT         NOT NULL,
    processing_restricted INT         NOT NULL,
    marketing_emails      INT         NOT NULL,
    updated_at            BIGINT      NOT NULL,
    PRIMARY KEY (account_id)
);

CREATE TABLE account_email_changes (
    account_id VARCHAR(36)  NOT NULL,
    new_email  VARCHAR(254) NOT NULL,
    code_hash  VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (account_id)
);
CREATE INDEX ix_account_email_changes_expires ON account_email_changes (expires_at);
