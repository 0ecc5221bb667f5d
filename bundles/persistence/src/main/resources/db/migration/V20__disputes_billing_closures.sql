-- Disputes: the state each processor dispute has reached (it only moves forward: opened, then won or
-- lost) and the credits it holds now in the account's disputed ledger account.
CREATE TABLE billing_disputes (
    processor    VARCHAR(64)  NOT NULL,
    dispute_id   VARCHAR(255) NOT NULL,
    account_id   VARCHAR(36)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    held         BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (processor, dispute_id)
);
-- Billing closures: an erased account's processor customer whose subscriptions are to be canceled and whose
-- customer record is to be deleted. The row outlives the account and names none; the idempotency key is
-- stored with it and sent on every attempt; claimed_by and next_attempt_at are the lease.
CREATE TABLE billing_closures (
    id                      VARCHAR(36)  NOT NULL,
    processor               VARCHAR(64)  NOT NULL,
    customer_id             VARCHAR(255) NOT NULL,
    idempotency_key         VARCHAR(100) NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    attempts                INT          NOT NULL,
    next_attempt_at         BIGINT       NOT NULL,
    claimed_by              VARCHAR(64),
    last_error              VARCHAR(100),
    subscriptions_canceled  INT          NOT NULL,
    customer_deleted        BOOLEAN      NOT NULL,
    created_at              BIGINT       NOT NULL,
    updated_at              BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_billing_closures_customer UNIQUE (processor, customer_id)
);
CREATE INDEX ix_billing_closures_due ON billing_closures (status, next_attempt_at);
