-- The mail outbox (queued -> sending under a lease -> sent | failed), published privacy policy
-- versions with their text in 4000-character chunks (portable: no CLOB), and acceptances per account.
CREATE TABLE mail_outbox (
    id               VARCHAR(36)   NOT NULL,
    dedupe_key       VARCHAR(200)  NOT NULL,
    account_id       VARCHAR(36),
    recipient        VARCHAR(320)  NOT NULL,
    subject          VARCHAR(500)  NOT NULL,
    body             VARCHAR(8000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  BIGINT        NOT NULL,
    last_error       VARCHAR(500),
    created_at       BIGINT        NOT NULL,
    sent_at          BIGINT,
    claimed_by       VARCHAR(64),
    claim_until      BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT uq_mail_outbox_dedupe UNIQUE (dedupe_key)
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX ix_mail_outbox_account ON mail_outbox (account_id);

CREATE TABLE policy_versions (
    version       VARCHAR(64)   NOT NULL,
    published_at  BIGINT        NOT NULL,
    sha256        VARCHAR(64)   NOT NULL,
    summary       VARCHAR(1000),
    chunks        INT           NOT NULL,
    PRIMARY KEY (version)
);
CREATE INDEX ix_policy_versions_published ON policy_versions (published_at);

CREATE TABLE policy_texts (
    version  VARCHAR(64)   NOT NULL,
    seq      INT           NOT NULL,
    chunk    VARCHAR(4000) NOT NULL,
    PRIMARY KEY (version, seq)
);

CREATE TABLE policy_acceptances (
    account_id   VARCHAR(36)  NOT NULL,
    version      VARCHAR(64)  NOT NULL,
    accepted_at  BIGINT       NOT NULL,
    ip           VARCHAR(45),
    PRIMARY KEY (account_id, version)
);
