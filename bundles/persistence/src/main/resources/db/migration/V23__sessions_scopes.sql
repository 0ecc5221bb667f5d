-- Sessions: when each was last used (written at most once a minute, see session.touch.seconds) for the
-- idle timeout, and the coarse device ("Firefox on Linux") it was opened from, for the session list.
-- Sessions opened before this migration count as used when they were created.
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;
ALTER TABLE sessions ADD COLUMN device VARCHAR(100);
UPDATE sessions SET last_used_at = created_at;
-- API token scopes, space-separated ("generate media"); NULL for tokens made before scopes existed:
-- they keep the whole role of their account.
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(200);
