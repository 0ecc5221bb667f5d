-- Daily usage counters (analytics): one row per day and cell, derived from jobs and uploads when the
-- day is complete. Cells count distinct users but never name one. usage_rollups marks a day done,
-- once across nodes.
CREATE TABLE usage_daily (
    usage_day      VARCHAR(10)  NOT NULL,
    feature        VARCHAR(32)  NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    provider       VARCHAR(100) NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    error_code     VARCHAR(64)  NOT NULL,
    events         BIGINT       NOT NULL,
    users          BIGINT       NOT NULL,
    latency_ms_sum BIGINT       NOT NULL,
    PRIMARY KEY (usage_day, feature, type, provider, outcome, error_code)
);

CREATE TABLE usage_rollups (
    usage_day VARCHAR(10) NOT NULL,
    rolled_at BIGINT      NOT NULL,
    PRIMARY KEY (usage_day)
);
CREATE INDEX ix_media_kind_created ON media (kind, created_at);
