-- Security records: named API tokens (only the SHA-256 of the secret), the audit log and device records.
-- Audit and device rows carry expires_at (the plan's operational-log / device-record retention).
CREATE TABLE api_tokens (
    id         VARCHAR(36)  NOT NULL,
    account_id VARCHAR(36)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_account ON api_tokens (account_id);

CREATE TABLE audit_log (
    id         VARCHAR(36)  NOT NULL,
    actor_id   VARCHAR(36),
    action     VARCHAR(64)  NOT NULL,
    subject    VARCHAR(200),
    ip         VARCHAR(64),
    user_agent VARCHAR(400),
    detail     VARCHAR(500),
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_audit_created ON audit_log (created_at);
CREATE INDEX ix_audit_actor ON audit_log (actor_id);
CREATE INDEX ix_audit_subject ON audit_log (subject);
CREATE INDEX ix_audit_expires ON audit_log (expires_at);

CREATE TABLE devices (
    id         VARCHAR(36)  NOT NULL,
    account_id VARCHAR(36)  NOT NULL,
    ip         VARCHAR(64)  NOT NULL,
    browser    VARCHAR(64)  NOT NULL,
    os         VARCHAR(64)  NOT NULL,
    first_seen BIGINT       NOT NULL,
    last_seen  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_devices_key ON devices (account_id, ip, browser, os);
CREATE INDEX ix_devices_expires ON devices (expires_at);
