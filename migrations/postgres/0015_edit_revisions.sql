-- A revision number on what several people may edit from a form (a call, a space's settings,
-- a forum post): a save names the revision its form showed, and one made on a stale form is
-- refused with the text kept, instead of silently undoing someone else's changes.
ALTER TABLE calls ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE spaces ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
