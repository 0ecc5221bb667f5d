-- E-mail verification at sign-up. Accounts that existed before count as verified (the column's default); a new
-- account is inserted unverified unless verification is off. Its code (one per account, the latest mailed) is
-- kept only as its SHA-256, with the attempts made against it; the row goes when the address is verified or the
-- account is deleted.
ALTER TABLE accounts ADD COLUMN email_verified BOOLEAN DEFAULT TRUE NOT NULL;

CREATE TABLE account_email_verifications (
    account_id VARCHAR(36) NOT NULL,
    code_hash  VARCHAR(64) NOT NULL,
    sent_at    BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    attempts   INT         NOT NULL,
    PRIMARY KEY (account_id)
);
