-- What a transcoder probed from a video, and the state of its processing (renditions, poster).
-- Frame rates are kept in thousandths of a frame per second, durations in milliseconds.
ALTER TABLE media ADD COLUMN duration_ms BIGINT;
ALTER TABLE media ADD COLUMN frame_rate_milli INT;
ALTER TABLE media ADD COLUMN codec VARCHAR(32);
ALTER TABLE media ADD COLUMN progress INT;
ALTER TABLE media ADD COLUMN error_code VARCHAR(64);
CREATE INDEX ix_media_status ON media (status);
