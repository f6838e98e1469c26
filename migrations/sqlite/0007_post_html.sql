-- The rendered HTML of a post, made once when it is written (rendering is the costly part
-- of a topic page). NULL for posts written before: pages render those when shown.
ALTER TABLE posts ADD COLUMN body_html TEXT;
