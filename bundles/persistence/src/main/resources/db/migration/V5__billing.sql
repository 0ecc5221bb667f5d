-- Billing: processor customers, checkouts (idempotency key stored before the processor is called),
-- applied payment events (a redelivered event is a no-op), subscriptions. Ids, plans, statuses,
-- amounts and dates only: never card data.
CREATE TABLE billing_customers (
    account_id   VARCHAR(36)  NOT NULL,
    processor    VARCHAR(64)  NOT NULL,
    customer_id  VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (account_id, processor)
);
CREATE TABLE billing_checkouts (
    idempotency_key VARCHAR(100) NOT NULL,
    account_id      VARCHAR(36)  NOT NULL,
    processor       VARCHAR(64)  NOT NULL,
    product_id      VARCHAR(100) NOT NULL,
    session_id      VARCHAR(255),
    url             VARCHAR(2000),
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (idempotency_key)
);
CREATE TABLE payment_events (
    processor    VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    type         VARCHAR(64)  NOT NULL,
    account_id   VARCHAR(36),
    object_id    VARCHAR(255),
    received_at  BIGINT       NOT NULL,
    PRIMARY KEY (processor, event_id)
);
CREATE TABLE subscriptions (
    account_id       VARCHAR(36)  NOT NULL,
    processor        VARCHAR(64)  NOT NULL,
    subscription_id  VARCHAR(255) NOT NULL,
    plan             VARCHAR(32)  NOT NULL,
    status           VARCHAR(32)  NOT NULL,
    period_end       BIGINT,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (account_id)
);
