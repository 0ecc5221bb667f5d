-- Dunning and downgrade grace (issue 15). subscriptions.dunning_since (epoch millis) is when the subscription was
-- first seen past_due or paused: the paid plan is kept until dunning.grace.days after it; it is cleared when the
-- subscription is active again or ends. accounts.downgraded_at is when the account last moved to a plan with shorter
-- retention: written in the transaction that changes the plan, it is the start of the downgrade grace (no item
-- expires sooner than downgrade.grace.days after it); a change to a plan that keeps as long or longer clears it
-- (a later policy switch is not floored). NULL for plans set before this migration. Portable to H2 and MariaDB.
ALTER TABLE subscriptions ADD COLUMN dunning_since BIGINT;
ALTER TABLE accounts ADD COLUMN downgraded_at BIGINT;
CREATE INDEX ix_subscriptions_dunning ON subscriptions (dunning_since);
