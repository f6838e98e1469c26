-- A confirmation link carries the password chosen in the registration that sent it, so
-- whoever confirms the address gets the password they chose, never one set by someone
-- who registered the address first.
ALTER TABLE email_tokens ADD COLUMN password_hash TEXT;
