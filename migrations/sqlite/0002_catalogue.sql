-- Catalogue: the change log every instance follows to keep its search index current, and
-- anonymous page-view counters (one number per sheet, nothing personal).

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE experience_views (
    experience_id INTEGER PRIMARY KEY REFERENCES experiences (id) ON DELETE CASCADE,
    views INTEGER NOT NULL
);
