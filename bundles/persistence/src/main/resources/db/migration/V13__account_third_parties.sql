-- The per-account record of transfers to third parties (moderation engines, a storage service run by
-- someone else, the payment processor, the mail relay): one row per (account, plugin family, plugin,
-- vendor, purpose) with the categories of data and the vendor's stated retention as last declared, and the
-- first and last transfer (epoch milliseconds). Generation vendors are read from job_attempts instead.
-- data_categories holds one category a line. The rows go with the account when it is erased.
CREATE TABLE account_third_parties (
    account_id       VARCHAR(36)   NOT NULL,
    family           VARCHAR(32)   NOT NULL,
    plugin_id        VARCHAR(100)  NOT NULL,
    vendor           VARCHAR(200)  NOT NULL,
    purpose          VARCHAR(200)  NOT NULL,
    data_categories  VARCHAR(1000) NOT NULL,
    stated_retention VARCHAR(500)  NOT NULL,
    first_at         BIGINT        NOT NULL,
    last_at          BIGINT        NOT NULL,
    PRIMARY KEY (account_id, family, plugin_id, vendor, purpose)
);
