-- Facilitators are told when a submission arrives or comes back: a notification points to a
-- forum post or to a submission, so post_id becomes optional.
ALTER TABLE notifications ALTER COLUMN post_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN submission_id BIGINT REFERENCES submissions (id) ON DELETE CASCADE;
