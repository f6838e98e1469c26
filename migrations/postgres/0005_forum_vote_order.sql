-- Conferences list questions by votes: an index in that order (ties by age) spares the sort.

CREATE INDEX topics_space_by_votes ON topics (space_id, votes DESC, post_id);
DROP INDEX topics_space_votes;
