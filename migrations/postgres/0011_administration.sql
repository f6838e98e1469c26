-- Administration and personal data: suspensions, deleted accounts, an audit log of admin and
-- facilitator actions, site settings, retired taxonomy terms, e-mail changes.

ALTER TABLE users ADD COLUMN suspended_at BIGINT;
ALTER TABLE users ADD COLUMN suspended_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN deleted_at BIGINT;

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    target_user BIGINT REFERENCES users (id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE TABLE site_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A retired term stays on the sheets that have it; new sheets cannot pick it.
ALTER TABLE terms ADD COLUMN retired_at BIGINT;

-- An e-mail change waits for the new address to confirm it.
ALTER TABLE email_tokens ADD COLUMN new_email TEXT;
