-- Account erasure: the mark set first (the account can no longer sign in or act; a re-run resumes from it),
-- and the hash chain of deletion receipts. A receipt holds counts and third-party results, no personal data;
-- its rows are kept (the chain stays verifiable), served for 30 days (expires_at).
ALTER TABLE accounts ADD COLUMN erasure_started_at BIGINT;
ALTER TABLE accounts ADD COLUMN erasure_pseudonym VARCHAR(36);
ALTER TABLE accounts ADD COLUMN erasure_reason VARCHAR(32);
ALTER TABLE accounts ADD COLUMN erasure_receipt_id VARCHAR(64);
ALTER TABLE accounts ADD COLUMN erasure_progress VARCHAR(4000);

CREATE TABLE deletion_receipts (
    id          VARCHAR(64)   NOT NULL,
    seq         BIGINT        NOT NULL,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    content     VARCHAR(8000) NOT NULL,
    prev_hash   VARCHAR(64)   NOT NULL,
    hash        VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_deletion_receipts_seq ON deletion_receipts (seq);

-- One row: the chain head, locked (SELECT ... FOR UPDATE) by every append so appends are serialised.
CREATE TABLE deletion_receipt_head (
    id    INT          NOT NULL,
    seq   BIGINT       NOT NULL,
    hash  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO deletion_receipt_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
