-- Catalogue: the change log every instance follows to keep its search index current, and
-- anonymous page-view counters (one number per sheet, nothing personal).

CREATE TABLE change_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE experience_views (
    experience_id BIGINT PRIMARY KEY REFERENCES experiences (id) ON DELETE CASCADE,
    views BIGINT NOT NULL
);
