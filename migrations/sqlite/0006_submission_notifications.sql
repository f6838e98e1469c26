-- Facilitators are told when a submission arrives or comes back: a notification points to a
-- forum post or to a submission, so post_id becomes optional (SQLite rebuilds the table).
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    post_id INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    email TEXT NOT NULL DEFAULT 'none',
    emailed_at INTEGER,
    submission_id INTEGER REFERENCES submissions (id) ON DELETE CASCADE
);
INSERT INTO notifications_new (id, user_id, kind, post_id, actor_id, created_at, read_at, email, emailed_at)
    SELECT id, user_id, kind, post_id, actor_id, created_at, read_at, email, emailed_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);
CREATE INDEX notifications_email ON notifications (email, user_id);
