-- The upload an image-to-image, image-to-video or upscale job starts from.
ALTER TABLE jobs ADD COLUMN input_media_id VARCHAR(36);
