-- Conferences list questions by votes: an index in that order (ties by age) spares the sort.
-- Each post records the language it is written in (es, pt, en), so pages mark it (WCAG 3.1.2).

CREATE INDEX topics_space_by_votes ON topics (space_id, votes DESC, post_id);
DROP INDEX topics_space_votes;
ALTER TABLE posts ADD COLUMN lang TEXT NOT NULL DEFAULT 'es';
