-- Every provider call of a job: the attempt log (outcome, latency, vendor cost) and the third-party
-- processing record (which vendor saw the prompt and media, its stated retention, its task id for
-- propagating erasure). Instants are epoch milliseconds, as everywhere.
CREATE TABLE job_attempts (
    job_id            VARCHAR(36)  NOT NULL,
    seq               INT          NOT NULL,
    provider_id       VARCHAR(100) NOT NULL,
    outcome           VARCHAR(32)  NOT NULL,
    error_code        VARCHAR(64),
    latency_ms        BIGINT       NOT NULL,
    cost_micros       BIGINT       NOT NULL,
    started_at        BIGINT       NOT NULL,
    vendor            VARCHAR(100),
    vendor_retention  VARCHAR(500),
    vendor_deletable  BOOLEAN      NOT NULL,
    vendor_task_id    VARCHAR(200),
    PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_job_attempts_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
);
