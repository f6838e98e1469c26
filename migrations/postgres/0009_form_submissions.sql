-- One row per form that creates something, keyed by the token the page put in it: a form
-- sent twice (a double click, a reload, two tabs) creates one thing, and the second answer
-- leads to it. Pruned daily.
CREATE TABLE form_submissions (
    token TEXT PRIMARY KEY,
    result TEXT,
    created_at BIGINT NOT NULL
);
