-- A merged term is kept, retired, pointing at the term it was merged into: old revisions and
-- links that name it resolve to that term, and its code is never reused. The audit log keeps
-- the names of who acted and on whom as they were (an account deleted later stays named).

ALTER TABLE terms ADD COLUMN merged_into INTEGER REFERENCES terms (id);
ALTER TABLE audit_log ADD COLUMN actor_label TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN target_label TEXT NOT NULL DEFAULT '';
UPDATE audit_log SET actor_label = COALESCE((SELECT name FROM users WHERE users.id = audit_log.actor_id), '');
UPDATE audit_log SET target_label = COALESCE((SELECT name FROM users WHERE users.id = audit_log.target_user), '');
