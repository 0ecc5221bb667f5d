-- One portable script for H2 2.x and MariaDB 10.11: VARCHAR, BIGINT and INT only.
-- Instants are epoch milliseconds (BIGINT), dates ISO-8601 strings (VARCHAR(10)).
-- VARCHAR widths keep a row under MariaDB's 65,535-byte limit with utf8mb4.

CREATE TABLE accounts (
    id                      VARCHAR(36)  NOT NULL,
    email                   VARCHAR(254) NOT NULL,
    name                    VARCHAR(200),
    contact                 VARCHAR(500),
    password_hash           VARCHAR(255) NOT NULL,
    birth_date              VARCHAR(10),
    role                    VARCHAR(32)  NOT NULL,
    plan                    VARCHAR(32)  NOT NULL,
    accepted_policy_version VARCHAR(64),
    created_at              BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_accounts_email ON accounts (email);
CREATE INDEX ix_accounts_created ON accounts (created_at);

CREATE TABLE sessions (
    id         VARCHAR(36)  NOT NULL,
    account_id VARCHAR(36)  NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_sessions_token_hash ON sessions (token_hash);
CREATE INDEX ix_sessions_account ON sessions (account_id);

CREATE TABLE ledger_transactions (
    tx_key     VARCHAR(200) NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    memo       VARCHAR(500),
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (tx_key)
);

CREATE TABLE ledger_entries (
    seq            BIGINT       NOT NULL AUTO_INCREMENT,
    tx_key         VARCHAR(200) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    ledger_account VARCHAR(200) NOT NULL,
    amount         BIGINT       NOT NULL,
    memo           VARCHAR(500),
    created_at     BIGINT       NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT fk_ledger_entries_tx FOREIGN KEY (tx_key) REFERENCES ledger_transactions (tx_key)
);
CREATE INDEX ix_ledger_entries_account ON ledger_entries (ledger_account, seq);
CREATE INDEX ix_ledger_entries_tx ON ledger_entries (tx_key);

-- One row per ledger account: the cached balance, and the row a posting locks.
CREATE TABLE ledger_balances (
    ledger_account VARCHAR(200) NOT NULL,
    balance        BIGINT       NOT NULL,
    PRIMARY KEY (ledger_account)
);

CREATE TABLE jobs (
    id                 VARCHAR(36)   NOT NULL,
    owner_id           VARCHAR(36)   NOT NULL,
    type               VARCHAR(32)   NOT NULL,
    prompt             VARCHAR(4000),
    negative_prompt    VARCHAR(4000),
    width              INT           NOT NULL,
    height             INT           NOT NULL,
    duration_seconds   INT           NOT NULL,
    seed               BIGINT        NOT NULL,
    requested_provider VARCHAR(100),
    idempotency_key    VARCHAR(200),
    status             VARCHAR(16)   NOT NULL,
    provider           VARCHAR(100),
    cost               BIGINT        NOT NULL,
    error_code         VARCHAR(64),
    error_message      VARCHAR(1000),
    created_at         BIGINT        NOT NULL,
    started_at         BIGINT,
    completed_at       BIGINT,
    expires_at         BIGINT,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_jobs_owner_idempotency ON jobs (owner_id, idempotency_key);
CREATE INDEX ix_jobs_owner_created ON jobs (owner_id, created_at);
CREATE INDEX ix_jobs_status_created ON jobs (status, created_at);
CREATE INDEX ix_jobs_created ON jobs (created_at);

CREATE TABLE media (
    id           VARCHAR(36)  NOT NULL,
    owner_id     VARCHAR(36)  NOT NULL,
    job_id       VARCHAR(36),
    parent_id    VARCHAR(36),
    kind         VARCHAR(32)  NOT NULL,
    content_type VARCHAR(100),
    bytes        BIGINT       NOT NULL,
    width        INT          NOT NULL,
    height       INT          NOT NULL,
    store_id     VARCHAR(100),
    blob_key     VARCHAR(500),
    sha256       VARCHAR(64),
    status       VARCHAR(32),
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    PRIMARY KEY (id)
);
CREATE INDEX ix_media_owner ON media (owner_id);
CREATE INDEX ix_media_job ON media (job_id);
CREATE INDEX ix_media_parent ON media (parent_id);
CREATE INDEX ix_media_expires ON media (expires_at);
